"""Unseen-style documents, hand-labelled against shared/spec/indicators.md.

Other zones and years than the seeds, page furniture (spam headers, share widgets), paraphrased
wording, truncated pages, quarters and targets, several zones in one article, and traps. Each raw
page goes through clean_document and extract_figures, as in the pipeline, and is matched like
shared/eval/score.py in strict mode (indicator, value within 0.5%, zone, period_year, status); the
labelled subject, period and qualifier are checked as well. Optional rows are neither misses nor
false positives when they match on indicator and value.
"""

from __future__ import annotations

import pytest

from tests.labelled import Label, document_tests
from transforms.extract import extract_figures

L = Label

DOCS: dict[str, tuple[str, list[Label]]] = {
    "xian_spam_header": (
        """【免责声明】本网站转载的内容仅供参考,不代表本站观点。
扫一扫分享
西安高新区2022年经济运行稳中有进
发布时间:2023年03月15日  来源:西安高新区管委会
2022年,西安高新区实现营业总收入2.5万亿元,同比增长16.3%。规模以上工业总产值4000亿元,增长12.5%。全区有效高新技术企业达到10000余家,科技型中小企业1.2万家,入驻企业超过10万家。研发投入强度达到百分之三点五。区内全年专利授权量3.2万件,每万人发明专利拥有量达到200件。
微信公众号:西安高新
""",
        [
            L("revenue", 2.5e12, "西安高新区", 2022),
            L("revenue_yoy", 16.3, "西安高新区", 2022),
            L("above_scale_industrial_output", 4e11, "西安高新区", 2022),
            L("above_scale_industrial_output_yoy", 12.5, "西安高新区", 2022),
            L("high_tech_enterprises", 10000, "西安高新区", 2022, qualifier=">"),
            L("tech_smes", 12000, "西安高新区", 2022),
            L("settled_enterprises", 100000, "西安高新区", 2022, qualifier=">"),
            L("rd_intensity", 3.5, "西安高新区", 2022),
        ],
    ),
    "wuhan_half_year": (
        """东湖高新区上半年主要经济指标稳中向好
2022-08-02 来源:湖北日报
今年上半年,东湖高新区实现地区生产总值1125.6亿元,同比增长7.1%,高于全市4.2个百分点。规上工业增加值同比增长15.8%。光谷企业营业总收入逾6000亿元。截至6月底,全区国家高新技术企业达4200多家,新增科技型中小企业1000余家。
点击进入专题
热门推荐
""",
        [
            L("gdp", 1.1256e11, "武汉东湖高新区", 2022, "2022H1"),
            L("gdp_yoy", 7.1, "武汉东湖高新区", 2022, "2022H1"),
            L("industrial_value_added_yoy", 15.8, "武汉东湖高新区", 2022, "2022H1"),
            L("revenue", 6e11, "武汉东湖高新区", 2022, "2022H1", qualifier=">"),
            L("high_tech_enterprises", 4200, "武汉东湖高新区", 2022, "2022H1", qualifier=">"),
        ],
    ),
    "suzhou_sip_undated": (
        """苏州工业园区:创新驱动打造世界一流高科技园区
扫一扫分享
2021年,苏州工业园区实现地区生产总值3330亿元,同比增长9.2%;一般公共预算收入410亿元;进出口总额6300亿元。园区累计有效国家高新技术企业2200家,新型研发机构超过30个。全年实际使用外资18亿美元。
""",
        [
            L("gdp", 3.33e11, "苏州工业园区", 2021),
            L("gdp_yoy", 9.2, "苏州工业园区", 2021),
            L("high_tech_enterprises", 2200, "苏州工业园区", 2021),
            L("rd_platforms", 30, "苏州工业园区", 2021, qualifier=">"),
        ],
    ),
    "hefei_targets": (
        """合肥高新区发布“十四五”发展规划
发布日期:2021-09-10
到2025年,合肥高新区力争实现营业收入突破1万亿元,高新技术企业数量达到3000家,研发投入强度保持在5%以上。“十四五”期间,新增上市企业20家,新建新型研发机构30个。
目前,高新区拥有高新技术企业1500余家,国家级创新平台80个。
""",
        [
            L("revenue", 1e12, "合肥高新区", 2025, status="target", qualifier=">="),
            L("high_tech_enterprises", 3000, "合肥高新区", 2025, status="target"),
            L("rd_intensity", 5, "合肥高新区", 2025, status="target", qualifier=">="),
            L("high_tech_enterprises", 1500, "合肥高新区", 2021, qualifier=">"),
            L("rd_platforms", 80, "合肥高新区", 2021, optional=True),
        ],
    ),
    "national_aggregate": (
        """科技部:国家高新区综合实力持续提升
2022-09-16 14:30 来源:科技日报
2021年,169家国家高新区实现园区生产总值15.3万亿元,同比增长12.9%,占国内生产总值的比重为13.4%。国家高新区内高新技术企业数量达到11.5万家,占全国的35.9%。企业研发经费投入9000多亿元,占全国企业研发投入的一半。
""",
        [
            L("gdp", 1.53e13, "国家高新区", 2021),
            L("gdp_yoy", 12.9, "国家高新区", 2021),
            L("high_tech_enterprises", 115000, "国家高新区", 2021),
            L("rd_expenditure", 9e11, "国家高新区", 2021, qualifier=">"),
        ],
    ),
    "zhongguancun": (
        """中关村示范区2022年经济运行情况
来源:北京日报 2023-02-20
中关村示范区企业2022年实现总收入8.7万亿元,同比增长3.4%。其中,海淀园总收入超过3.5万亿元。示范区国家高新技术企业超过3万家,研发费用支出4500亿元。
""",
        [
            L("revenue", 8.7e12, "中关村", 2022),
            L("revenue_yoy", 3.4, "中关村", 2022),
            L("revenue", 3.5e12, "中关村", 2022, qualifier=">", subject="海淀园"),
            L("high_tech_enterprises", 30000, "中关村", 2022, qualifier=">"),
            L("rd_expenditure", 4.5e11, "中关村", 2022),
        ],
    ),
    "shenzhen_rank_and_parks": (
        """深圳高新区综合排名全国第二
日期:2021年11月05日 浏览次数:1024
在科技部火炬中心公布的2020年国家高新区综合评价结果中,深圳高新区位列第2位。2020年,深圳高新区实现营业收入1.38万亿元,工业总产值9800亿元。其中,南山园区营业收入7000亿元,坪山园区工业总产值1200亿元。
""",
        [
            L("revenue", 1.38e12, "深圳高新区", 2020),
            L("industrial_output", 9.8e11, "深圳高新区", 2020),
            L("revenue", 7e11, "深圳高新区", 2020, subject="南山园区"),
            L("industrial_output", 1.2e11, "深圳高新区", 2020, subject="坪山园区"),
        ],
    ),
    "zhejiang_comparison": (
        """2022年浙江省高新区评价结果出炉
2023年1月12日 浙江日报
2022年,全省高新区实现规上工业增加值6000亿元。其中,杭州高新区(滨江)规上工业增加值1100亿元,宁波高新区规上工业增加值420亿元,绍兴高新区规上工业增加值280亿元。
""",
        [
            L("industrial_value_added", 6e11, None, 2022, optional=True),
            L("industrial_value_added", 1.1e11, "杭州高新区", 2022),
            L("industrial_value_added", 4.2e10, "宁波高新区", 2022),
            L("industrial_value_added", 2.8e10, "绍兴高新区", 2022),
        ],
    ),
    "changsha_quarter": (
        """长沙高新区一季度经济实现“开门红”
发布时间:2023-04-20 10:25:00
一季度,长沙高新区完成规模以上工业总产值502.3亿元,同比增长8.5%;实现技工贸总收入1520亿元,同比增长10.2%。园区新增市场主体3200户,新签约项目28个,总投资超过200亿元。
""",
        [
            L("above_scale_industrial_output", 5.023e10, "长沙高新区", 2023, "2023Q1"),
            L("above_scale_industrial_output_yoy", 8.5, "长沙高新区", 2023, "2023Q1"),
            L("revenue", 1.52e11, "长沙高新区", 2023, "2023Q1"),
            L("revenue_yoy", 10.2, "长沙高新区", 2023, "2023Q1"),
        ],
    ),
    "zhengzhou_months": (
        """郑州高新区1-5月主要经济指标
发布时间:2022年06月28日
1-5月,郑州高新区规上工业企业实现营业收入389.6亿元,同比增长11.3%;规上工业增加值增速达到12.1%,高于全市平均水平6.3个百分点。固定资产投资同比下降5.2%。
""",
        [
            L("revenue", 3.896e10, "郑州高新区", 2022, "2022M01-M05"),
            L("revenue_yoy", 11.3, "郑州高新区", 2022, "2022M01-M05"),
            L("industrial_value_added_yoy", 12.1, "郑州高新区", 2022, "2022M01-M05"),
        ],
    ),
    "qingdao_last_year_traps": (
        """青岛高新区:蓝色硅谷加速崛起
2023-05-10 来源:青岛日报
去年,青岛高新区实现地区生产总值352亿元,增长6.5%;全区规模以上工业总产值突破500亿元,是2012年的3倍。高新区规划面积63.4平方公里,已开发土地1.2万亩,集聚企业5000余家,就业人口8万人。
""",
        [
            L("gdp", 3.52e10, "青岛高新区", 2022),
            L("gdp_yoy", 6.5, "青岛高新区", 2022),
            L("above_scale_industrial_output", 5e10, "青岛高新区", 2022, qualifier=">="),
            L("settled_enterprises", 5000, "青岛高新区", 2022, qualifier=">", optional=True),
        ],
    ),
    "jinan_estimate": (
        """济南高新区经济运行稳中有进
发布时间:2021年12月20日
今年以来,济南高新区经济运行稳中有进。1-11月,完成规上工业总产值1350亿元,同比增长18.6%;实现税收收入150亿元,同比增长9%。预计全年实现营业收入5100亿元左右,企业融资总额达到80亿元。目前,全区国家级高新技术企业达到2150家,占全市的46%。
""",
        [
            L("above_scale_industrial_output", 1.35e11, "济南高新区", 2021, "2021M01-M11"),
            L("above_scale_industrial_output_yoy", 18.6, "济南高新区", 2021, "2021M01-M11"),
            L("revenue", 5.1e11, "济南高新区", 2021, status="estimate", qualifier="~"),
            L("high_tech_enterprises", 2150, "济南高新区", 2021),
        ],
    ),
    "ningbo_truncated": (
        """宁波高新区2022年发展成绩单
发布时间:2023-01-30
2022年,宁波高新区实现地区生产总值450.2亿元,同比增长4.1%。高新技术企业总数达到720家。全区实现营业收入12""",
        [
            L("gdp", 4.502e10, "宁波高新区", 2022),
            L("gdp_yoy", 4.1, "宁波高新区", 2022),
            L("high_tech_enterprises", 720, "宁波高新区", 2022),
        ],
    ),
    "foshan_number_forms": (
        """佛山高新区:制造业高质量发展
发布时间:2022年4月8日
2021年,佛山高新区实现工业总产值1,234.5亿元,其中规上工业总产值突破千亿元。园区拥有高新技术企业两千多家,省级以上研发平台近百家,落户企业3000余家。高新区R&D经费支出占地区生产总值比重达到3.8%。
""",
        [
            L("industrial_output", 1.2345e11, "佛山高新区", 2021),
            L("above_scale_industrial_output", 1e11, "佛山高新区", 2021, qualifier=">="),
            L("high_tech_enterprises", 2000, "佛山高新区", 2021, qualifier=">"),
            L("rd_platforms", 100, "佛山高新区", 2021, qualifier="~"),
            L("settled_enterprises", 3000, "佛山高新区", 2021, qualifier=">"),
            L("rd_intensity", 3.8, "佛山高新区", 2021),
        ],
    ),
    "nanjing_rank_share_flows": (
        """南京高新区综合排名跃居全国第11位
来源:新华日报  发布时间:2022-01-18
2021年,南京高新区营业收入达到3500亿元,在全国169家国家高新区中排名第11位。高新技术企业占全市比重超过40%,高新技术产业产值占规上工业产值比重达72%。全年新认定高新技术企业320家,新增科技型中小企业900家,新引进落户企业500家。
""",
        [
            L("revenue", 3.5e11, "南京高新区", 2021),
        ],
    ),
    "changzhou_estimate_full_year": (
        """常州高新区上半年实现规上工业产值1600亿元
2022-07-25 来源:常州日报
上半年,常州高新区完成规模以上工业产值1600亿元,同比增长13%;规上工业增加值同比增长9.5%。高新区预计全年规上工业产值将超过3300亿元。
""",
        [
            L("above_scale_industrial_output", 1.6e11, "常州高新区", 2022, "2022H1"),
            L("above_scale_industrial_output_yoy", 13, "常州高新区", 2022, "2022H1"),
            L("industrial_value_added_yoy", 9.5, "常州高新区", 2022, "2022H1"),
            L("above_scale_industrial_output", 3.3e11, "常州高新区", 2022, status="estimate", qualifier=">"),
        ],
    ),
    "shijiazhuang_industry_traps": (
        """石家庄高新区:生物医药产业集群加速成长
发布时间:2023年2月3日
2022年,石家庄高新区生物医药产业实现营业收入620亿元,同比增长15%。园区共有生物医药企业1200余家,从业人员5万人,实施亿元以上项目45个,总投资达320亿元。全年授权发明专利1800件,PCT国际专利申请120项。
""",
        [
            L("revenue", 6.2e10, "石家庄高新区", 2022, subject="生物医药产业"),
            L("revenue_yoy", 15, "石家庄高新区", 2022, subject="生物医药产业"),
        ],
    ),
    "hubei_respectively_zones": (
        """2021年国家高新区评价:湖北多家高新区进位
2022-03-01 来源:湖北省科技厅
2021年,湖北省12家国家高新区实现营业收入2.6万亿元。其中,武汉东湖高新区营业收入1.3万亿元,襄阳高新区营业收入2800亿元,宜昌高新区营业收入1500亿元。东湖高新区、襄阳高新区高新技术企业分别达到4500家和800家。
""",
        [
            L("revenue", 2.6e12, None, 2021, optional=True),
            L("revenue", 1.3e12, "武汉东湖高新区", 2021),
            L("revenue", 2.8e11, "襄阳高新区", 2021),
            L("revenue", 1.5e11, "宜昌高新区", 2021),
            L("high_tech_enterprises", 4500, "武汉东湖高新区", 2021),
            L("high_tech_enterprises", 800, "襄阳高新区", 2021),
        ],
    ),
    "guangzhou_site_furniture": (
        """首页 > 新闻动态 > 园区要闻
广州高新区高企数量再创新高
广州开发区门户网站 2022-02-15
2021年,广州高新区高企数量达到2900家,比上年增长12%。高新技术产品产值占规上工业总产值的比重达到68.5%,比上年提高8.1个百分点。全区规上工业总产值达8000亿元。
【免责声明】本网站转载的文章仅供学习交流,版权归原作者所有。
分享到:微信 微博 QQ空间
""",
        [
            L("high_tech_enterprises", 2900, "广州高新区", 2021),
            L("above_scale_industrial_output", 8e11, "广州高新区", 2021),
        ],
    ),
    "zhengzhou_no_figures": (
        """郑州高新区召开2023年招商引资大会
发布时间:2023-02-10
会上,郑州高新区集中签约项目36个,签约总金额达到456亿元,其中100亿元以上项目2个。会议发布了《郑州高新区支持科技创新十条政策》,每年安排10亿元专项资金,对新认定的高新技术企业给予30万元奖励。
""",
        [],
    ),
    "yantai_paraphrase": (
        """烟台高新区经济运行稳中向好
2022年,烟台高新区经济总量达到312亿元,较上年增长7.8%。全区实现营业总收入1100亿元,规上工业产值增速达到20.5%。R&D投入强度4.2%,位居全省高新区前列。
""",
        [
            L("gdp", 3.12e10, "烟台高新区", 2022),
            L("gdp_yoy", 7.8, "烟台高新区", 2022),
            L("revenue", 1.1e11, "烟台高新区", 2022),
            L("above_scale_industrial_output_yoy", 20.5, "烟台高新区", 2022),
            L("rd_intensity", 4.2, "烟台高新区", 2022),
        ],
    ),
    "changchun_incubator": (
        """长春高新区:孵化载体建设提速
发布时间:2022年9月6日
长春高新区现有各类孵化载体42家,其中国家级科技企业孵化器8家。北湖科技园孵化器在孵企业260家,累计毕业企业150家。
""",
        [
            L("incubated_enterprises", 260, "长春高新区", 2022, subject="北湖科技园孵化器"),
        ],
    ),
    "changzhou_ten_years": (
        """十年来常州高新区创新能力显著提升
发布时间:2022-10-12
十年来,常州高新区高新技术企业从2012年的180家增长到2021年的1050家,营业收入由1200亿元增至3600亿元。
""",
        [
            L("high_tech_enterprises", 180, "常州高新区", 2012),
            L("high_tech_enterprises", 1050, "常州高新区", 2021),
            L("revenue", 3.6e11, "常州高新区", None, optional=True),
        ],
    ),
    "zhuhai_rd": (
        """珠海高新区创新指标领跑全市
发布时间:2022-05-12
2021年,珠海高新区全社会研发投入45.6亿元,全社会研发投入占GDP比重达到7.8%,是全市平均水平的2倍。每万人发明专利拥有量达180件。有效高新技术企业达到660家。
""",
        [
            L("rd_expenditure", 4.56e9, "珠海高新区", 2021),
            L("rd_intensity", 7.8, "珠海高新区", 2021),
            L("high_tech_enterprises", 660, "珠海高新区", 2021),
        ],
    ),
    "hangzhou_yi_without_yuan": (
        """杭州高新区前三季度成绩单
2022-10-28 来源:杭州日报
前三季度,杭州高新区(滨江)实现营收超4000亿,同比增长8.2%;规上工业增加值达到560亿,占全市的比重为15%。数字经济核心产业营业收入3600亿元。
""",
        [
            L("revenue", 4e11, "杭州高新区", 2022, "2022M01-M09", qualifier=">"),
            L("revenue_yoy", 8.2, "杭州高新区", 2022, "2022M01-M09"),
            L("industrial_value_added", 5.6e10, "杭州高新区", 2022, "2022M01-M09"),
            L("revenue", 3.6e11, "杭州高新区", 2022, "2022M01-M09", subject="数字经济核心产业"),
        ],
    ),
    "baoji_chinese_numerals": (
        """宝鸡高新区创新主体不断壮大
发布时间:2021-12-01
截至目前,宝鸡高新区拥有高新技术企业二百六十家,科技型中小企业五百余家,研发机构一百二十个,高新区研发投入占比达到百分之三点二。
""",
        [
            L("high_tech_enterprises", 260, "宝鸡高新区", 2021),
            L("tech_smes", 500, "宝鸡高新区", 2021, qualifier=">"),
            L("rd_platforms", 120, "宝鸡高新区", 2021),
            L("rd_intensity", 3.2, "宝鸡高新区", 2021),
        ],
    ),
    "xiangyang_project_capacity": (
        """襄阳高新区新能源汽车产业再添新动能
发布时间:2023-06-18
6月16日,总投资120亿元的新能源电池项目在襄阳高新区开工,项目达产后可实现年产值200亿元,新增就业岗位3000个。2022年,襄阳高新区新能源汽车产业产值达到680亿元,数百家配套企业落户园区。
""",
        [
            L("industrial_output", 6.8e10, "襄阳高新区", 2022, subject="新能源汽车产业"),
        ],
    ),
    # ---- written after the mechanisms above were fixed, scored before touching them again
    "nanchang_page_furniture": (
        """南昌高新区2022年“成绩单”出炉
发布者:管委会办公室  发布时间:2023-01-18 09:30  浏览量:3562
字体:[大 中 小]
2022年,南昌高新区主要经济指标保持较快增长。全区完成营业总收入3050亿元,增长11.2%;规上工业增加值增长9.1%,高于全省2.4个百分点;实现地区生产总值680亿元。年末共有高新技术企业1086家,占全市的40%以上;科技型中小企业入库1510家。
上一篇:南昌高新区召开安全生产工作会
下一篇:南昌高新区开展志愿服务活动
""",
        [
            L("revenue", 3.05e11, "南昌高新区", 2022),
            L("revenue_yoy", 11.2, "南昌高新区", 2022),
            L("industrial_value_added_yoy", 9.1, "南昌高新区", 2022),
            L("gdp", 6.8e10, "南昌高新区", 2022),
            L("high_tech_enterprises", 1086, "南昌高新区", 2022),
            L("tech_smes", 1510, "南昌高新区", 2022),
        ],
    ),
    "xiamen_threshold_then_value": (
        """厦门火炬高新区:集成电路产业规模突破千亿元
2023-02-08 来源:厦门日报
记者从厦门火炬高新区获悉,2022年,火炬高新区集成电路产业产值突破千亿元,达到1056亿元。平板显示产业实现产值1680亿元,同比增长5.3%。高新区现有规上工业企业827家,入驻各类企业超过1.5万家。
""",
        [
            L("industrial_output", 1e11, "厦门火炬高新区", 2022, qualifier=">=", subject="集成电路产业", optional=True),
            L("industrial_output", 1.056e11, "厦门火炬高新区", 2022, subject="集成电路产业"),
            L("industrial_output", 1.68e11, "厦门火炬高新区", 2022, subject="平板显示产业"),
            L("industrial_output_yoy", 5.3, "厦门火炬高新区", 2022, subject="平板显示产业"),
            L("above_scale_industrial_enterprises", 827, "厦门火炬高新区", 2022, optional=True),  # 现有: 2022 or 2023
            L("settled_enterprises", 15000, "厦门火炬高新区", 2022, qualifier=">", optional=True),  # idem
        ],
    ),
    "national_2023": (
        """2023年国家高新区营业收入突破50万亿元
发布时间:2024-03-20 来源:科技部火炬中心
据统计,2023年全国178家国家高新区实现营业收入55.4万亿元,同比增长6.8%;实现工业总产值27万亿元;上缴税费2.8万亿元。国家高新区企业研发经费投入1.3万亿元,占全国企业研发经费投入的一半以上。全国高新区内高新技术企业超过15万家,占全国的41.2%。
""",
        [
            L("revenue", 5e13, None, 2023, qualifier=">=", optional=True),
            L("revenue", 5.54e13, "国家高新区", 2023),
            L("revenue_yoy", 6.8, "国家高新区", 2023),
            L("industrial_output", 2.7e13, "国家高新区", 2023),
            L("rd_expenditure", 1.3e12, "国家高新区", 2023),
            L("high_tech_enterprises", 150000, "国家高新区", 2023, qualifier=">"),
        ],
    ),
    "suzhou_nd_truncated": (
        """苏州高新区:科技创新引领高质量发展
2022-11-08 来源:苏州日报
阅读 1.2万
今年前三季度,苏州高新区实现规上工业总产值2980亿元,同比增长6.1%,规上工业增加值增速位居全市第二。截至9月底,全区有效高新技术企业1350家,高新技术产业产值占规上工业总产值比重达54.6%。全区R&D经费投入占GDP比重预计达到4.""",
        [
            L("above_scale_industrial_output", 2.98e11, "苏州高新区", 2022, "2022M01-M09"),
            L("above_scale_industrial_output_yoy", 6.1, "苏州高新区", 2022, "2022M01-M09"),
            L("high_tech_enterprises", 1350, "苏州高新区", 2022, "2022M01-M09"),
        ],
    ),
    "zhuzhou_plan_end": (
        """株洲高新区“十四五”规划纲要解读
发布时间:2021年6月1日
根据规划,到“十四五”末,株洲高新区技工贸总收入达到5000亿元,年均增长10%以上;规模以上工业增加值年均增长8%;高新技术企业数量突破800家;全社会研发经费投入强度达到4.5%。2020年,园区实现技工贸总收入2800亿元,拥有高新技术企业406家。
""",
        [
            L("revenue", 5e11, "株洲高新区", 2025, status="target"),
            L("high_tech_enterprises", 800, "株洲高新区", 2025, status="target", qualifier=">="),
            L("rd_intensity", 4.5, "株洲高新区", 2025, status="target"),
            L("revenue", 2.8e11, "株洲高新区", 2020),
            L("high_tech_enterprises", 406, "株洲高新区", 2020),
        ],
    ),
    "luoyang_industry_share": (
        """洛阳高新区:新材料产业集群加速壮大
发布时间:2022-12-05
今年1-10月,洛阳高新区新材料产业完成产值380亿元,同比增长14.5%,占园区规上工业产值的比重为45%。园区现有新材料企业260余家,其中规上企业85家,国家级专精特新“小巨人”企业12家。
""",
        [
            L("industrial_output", 3.8e10, "洛阳高新区", 2022, "2022M01-M10", subject="新材料产业"),
            L("industrial_output_yoy", 14.5, "洛阳高新区", 2022, "2022M01-M10", subject="新材料产业"),
            L("above_scale_industrial_enterprises", 85, "洛阳高新区", 2022, optional=True),
        ],
    ),
    "kunming_incubators": (
        """昆明高新区孵化器集群建设成效明显
2021-08-20 来源:云南日报
昆明高新区现有科技企业孵化器和众创空间36家,孵化面积超过60万平方米,在孵企业1200余家,累计毕业企业480家。其中,“云南省科技企业孵化器”在孵企业280家。
""",
        [
            L("incubated_enterprises", 1200, "昆明高新区", 2021, qualifier=">"),
            L("incubated_enterprises", 280, "昆明高新区", 2021, subject="云南省科技企业孵化器"),
        ],
    ),
    "foshan_district_report": (
        """佛山市南海区2022年经济运行情况
发布时间:2023-02-01
2022年,南海区实现地区生产总值3580亿元,增长1.2%。其中,佛山高新区南海园实现规上工业总产值1800亿元,同比增长5.6%。
""",
        [
            L("gdp", 3.58e11, None, 2022, optional=True),
            L("gdp_yoy", 1.2, None, 2022, optional=True),
            L("above_scale_industrial_output", 1.8e11, "佛山高新区", 2022, subject="佛山高新区南海园"),
            L("above_scale_industrial_output_yoy", 5.6, "佛山高新区", 2022, subject="佛山高新区南海园"),
        ],
    ),
    "weihai_vague_shares": (
        """威海火炬高新区创新主体持续壮大
发布时间:2022年3月3日
截至2021年底,威海火炬高新区高新技术企业数量突破300家大关,是2016年的3倍,约占全市的1/3。科技型中小企业达到520家以上,研发投入强度达到5.2%左右。高新区规上工业营业收入较2016年翻了一番。
""",
        [
            L("high_tech_enterprises", 300, "威海火炬高新区", 2021, qualifier=">="),
            L("tech_smes", 520, "威海火炬高新区", 2021, qualifier=">="),
            L("rd_intensity", 5.2, "威海火炬高新区", 2021, qualifier="~"),
        ],
    ),
    "ningbo_increase_then_rate": (
        """宁波高新区一季度主要经济指标
发布时间:2023年4月25日
一季度,宁波高新区实现营业收入420亿元,较去年同期增加38亿元,增速为9.9%;工业总产值185.3亿元,同比下降2.1%;规上工业增加值42亿元,增长了4.3%。
""",
        [
            L("revenue", 4.2e10, "宁波高新区", 2023, "2023Q1"),
            L("revenue_yoy", 9.9, "宁波高新区", 2023, "2023Q1"),
            L("industrial_output", 1.853e10, "宁波高新区", 2023, "2023Q1"),
            L("industrial_output_yoy", -2.1, "宁波高新区", 2023, "2023Q1"),
            L("industrial_value_added", 4.2e9, "宁波高新区", 2023, "2023Q1"),
            L("industrial_value_added_yoy", 4.3, "宁波高新区", 2023, "2023Q1"),
        ],
    ),
    "chengyu_ellipsis": (
        """成渝两地高新区协同发展
2022-06-10 来源:四川日报
2021年,成都高新区实现地区生产总值2850亿元,重庆高新区实现地区生产总值780亿元。成都高新区拥有国家高新技术企业3400余家,而重庆高新区仅为1000余家。
""",
        [
            L("gdp", 2.85e11, "成都高新区", 2021),
            L("gdp", 7.8e10, "重庆高新区", 2021),
            L("high_tech_enterprises", 3400, "成都高新区", 2021, qualifier=">"),
            L("high_tech_enterprises", 1000, "重庆高新区", 2021, qualifier=">"),
        ],
    ),
    "qingdao_spaced_latin": (
        """青岛高新区经济简报
2023/03/15 青岛高新区管委
2022年青岛高新区 GDP 达到 368.5 亿元,同比增长 5.1%;R&D 经费支出 21.6 亿元;高新技术企业 502 家。
""",
        [
            L("gdp", 3.685e10, "青岛高新区", 2022),
            L("gdp_yoy", 5.1, "青岛高新区", 2022),
            L("rd_expenditure", 2.16e9, "青岛高新区", 2022),
            L("high_tech_enterprises", 502, "青岛高新区", 2022),
        ],
    ),
    "yangzhou_registered_smes": (
        """扬州高新区科技创新再上新台阶
发布时间:2023-01-05
2022年,扬州高新区评价入库科技型中小企业326家,有效期内高新技术企业总数达到265家,新增省级以上研发机构12家,累计建成省级以上研发机构98家。
""",
        [
            L("tech_smes", 326, "扬州高新区", 2022),
            L("high_tech_enterprises", 265, "扬州高新区", 2022),
            L("rd_platforms", 98, "扬州高新区", 2022),
        ],
    ),
    # ---- third batch, also scored before any fix
    "bulletin_two_zones": (
        """火炬动态(2023年第5期)
科技部火炬中心  2023年3月10日
【园区动态】西安高新区:2022年营业收入突破2.6万亿元
2022年,西安高新区营业收入突破2.6万亿元,同比增长14.2%,高新技术企业数量达到1.1万家。
【园区动态】长春高新区:汽车产业链加快延伸
长春高新区聚焦汽车电子、新能源汽车等领域,全年汽车产业实现产值1100亿元。
""",
        [
            L("revenue", 2.6e12, "西安高新区", 2022, qualifier=">="),
            L("revenue_yoy", 14.2, "西安高新区", 2022),
            L("high_tech_enterprises", 11000, "西安高新区", 2022),
            L("industrial_output", 1.1e11, "长春高新区", 2022, subject="汽车产业", optional=True),  # 全年: 2022 or 2023
        ],
    ),
    "guanggu_growth_only": (
        """光谷上半年经济数据发布
2023-07-28 来源:光谷发布
上半年,武汉东湖新技术开发区规上工业总产值同比增长6.3%,高新技术产业增加值占GDP比重达到45%。区内企业研发投入同比增长20%以上。
""",
        [
            L("above_scale_industrial_output_yoy", 6.3, "武汉东湖高新区", 2023, "2023H1"),
            L("rd_expenditure_yoy", 20, "武汉东湖高新区", 2023, "2023H1", qualifier=">="),
        ],
    ),
    "zibo_decline_words": (
        """淄博高新区一季度经济运行分析
发布时间:2022年4月20日
一季度,淄博高新区规上工业总产值完成286亿元,同比下滑3.2%;实现营业收入410亿元,增速较上年同期回落1.5个百分点。
""",
        [
            L("above_scale_industrial_output", 2.86e10, "淄博高新区", 2022, "2022Q1"),
            L("above_scale_industrial_output_yoy", -3.2, "淄博高新区", 2022, "2022Q1"),
            L("revenue", 4.1e10, "淄博高新区", 2022, "2022Q1"),
        ],
    ),
    "jining_points_change": (
        """济宁高新区研发投入强度提升
发布时间:2023-02-15
2022年,济宁高新区研发投入强度达到4.3%,比上年提高0.6个百分点;全社会研发经费支出38.5亿元,增长18.2%。高新技术产业产值占比达到68%。
""",
        [
            L("rd_intensity", 4.3, "济宁高新区", 2022),
            L("rd_expenditure", 3.85e9, "济宁高新区", 2022),
            L("rd_expenditure_yoy", 18.2, "济宁高新区", 2022),
        ],
    ),
    "hefei_enterprise_tiers": (
        """合肥高新区企业梯队不断壮大
发布时间:2022-09-09
合肥高新区现有各类市场主体4.5万户,其中高新技术企业2000余家,国家级专精特新“小巨人”企业38家,上市企业41家,独角兽企业3家。园区集聚规上工业企业310家,实现规上工业产值1300亿元。
""",
        [
            L("high_tech_enterprises", 2000, "合肥高新区", 2022, qualifier=">"),
            L("above_scale_industrial_enterprises", 310, "合肥高新区", 2022),
            L("above_scale_industrial_output", 1.3e11, "合肥高新区", 2022),
        ],
    ),
    "changsha_as_of_month": (
        """长沙高新区创新主体加速集聚
发布时间:2022-12-16
截至2022年11月底,长沙高新区累计培育国家高新技术企业1800家,入驻企业超过1.5万家,技工贸总收入完成2900亿元。
""",
        [
            L("high_tech_enterprises", 1800, "长沙高新区", 2022),
            L("settled_enterprises", 15000, "长沙高新区", 2022, qualifier=">"),
            L("revenue", 2.9e11, "长沙高新区", 2022),
        ],
    ),
    "qingdao_park_capacity": (
        """青岛高新区胶州湾软件园二期竣工
发布时间:2021-05-20
青岛高新区胶州湾软件园二期项目总投资25亿元,建筑面积40万平方米,预计全部投用后可容纳企业300家,年产值可达50亿元,年税收2亿元。目前一期已入驻企业120家。
""",
        [
            L("settled_enterprises", 120, "青岛高新区", 2021, subject="胶州湾软件园"),
        ],
    ),
    "shenzhen_fullwidth": (
        """深圳高新区营收再创新高
2023年02月10日 深圳特区报
２０２２年，深圳高新区实现营业收入1.5万亿元人民币，同比增长4.5％，工业增加值达到3200亿元。区内国家级高新技术企业超过5000家。
""",
        [
            L("revenue", 1.5e12, "深圳高新区", 2022),
            L("revenue_yoy", 4.5, "深圳高新区", 2022),
            L("industrial_value_added", 3.2e11, "深圳高新区", 2022),
            L("high_tech_enterprises", 5000, "深圳高新区", 2022, qualifier=">"),
        ],
    ),
    "ankang_qualifiers": (
        """安康高新区发展简况
发布时间:2022年1月10日
2021年,安康高新区实现工业总产值约350亿元,规上工业企业接近100家,高新技术企业不足60家,科技型中小企业将近200家。
""",
        [
            L("industrial_output", 3.5e10, "安康高新区", 2021, qualifier="~"),
            L("above_scale_industrial_enterprises", 100, "安康高新区", 2021, qualifier="~"),
            L("high_tech_enterprises", 60, "安康高新区", 2021, qualifier="<"),
            L("tech_smes", 200, "安康高新区", 2021, qualifier="~"),
        ],
    ),
    "jiaxing_other_zone_as_object": (
        """嘉兴高新区举办创新发展大会
发布时间:2022-11-11
会上,全区学习借鉴了苏州工业园区的经验。今年以来,我区实现规上工业产值520亿元,同比增长9%,高新技术企业达到350家。
""",
        [
            L("above_scale_industrial_output", 5.2e10, "嘉兴秀洲高新区", 2022),
            L("above_scale_industrial_output_yoy", 9, "嘉兴秀洲高新区", 2022),
            L("high_tech_enterprises", 350, "嘉兴秀洲高新区", 2022),
        ],
    ),
}


# Parks named "X园区/X园" inside a zone, and the longest incubator name, are not found yet.
test_document_matches_its_labels, test_subject_period_and_qualifier = document_tests(
    DOCS,
    dict.fromkeys(
        [
            "zhongguancun",
            "shenzhen_rank_and_parks",
            "changchun_incubator",
            "foshan_district_report",
            "qingdao_park_capacity",
        ],
        "park subject",
    ),
)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "12345",
        "1,234.5 亿元 % 家",
        "((((营业收入(500亿元",
        "“高新区”“",
        "营业收入" * 1000,
        "2021年,高新区营业收入500亿元," * 5500,  # ~100 K characters, one paragraph
        "亿元亿元万亿元百分之",
        "第3位第4位第5位",
        "\x00\ufeff营收\u3000500亿元",
    ],
)
def test_odd_input_never_raises(text):
    from transforms.model import CleanedDocument

    extract_figures(CleanedDocument(text, None, None, None, []))
