"""Held-out batch 2: document styles the first 50 unseen docs lack, hand-labelled against
shared/spec/indicators.md BEFORE the extractor was changed for them.

Styles: statistical communiqués (统计公报, 全年实现…比上年增长), government work reports (过去一年),
annual reviews published early the next year, cumulative monthly reports (前11个月, 1至11月份),
rankings of many zones, investor pages (园区概况), interviews, acronyms (GDP, R&D, 高企, 营收), digit
groups split by spaces, statistical tables rendered as text lines, synonym-spun wording, traditional
script, truncated pages, and traps (合同额, 到位资金, 税收, 出口, 固定资产投资, 专利, 人才, 面积, 项目,
排名, 个百分点, shares of another total, one firm's own figures).

Labelling conventions added in this batch (beyond tests/test_extract_unseen.py):
- A retrospective cue without a year (全年, 年末/年底, 过去一年) in a page published January-March,
  or in a page whose title names the previous year, refers to the previous year.
- 截至N月底 dates a stock to the year; the period string of such stocks is not checked ("*").
- A table (a header line of years, rows "指标(单位) v1 v2 …") is labelled cell by cell when the
  unit is in the row label; a growth column (增长%) gives <code>_yoy of the first year column.
- A single named firm's own figures (XX集团营业收入) are not zone figures: optional (they are
  neither required nor wrong), and the extractor skips them.
- 研发投入占营业收入比重 is an enterprise R&D intensity: optional.
- A city's or district's figure in an article about its zone: optional with zone None.
Matching follows shared/eval/score.py strict mode; a label with year None accepts any year.
"""

from __future__ import annotations

from tests.labelled import ANY, Label, document_tests, print_report

L = Label

DOCS: dict[str, tuple[str, list[Label]]] = {
    "mianyang_communique": (
        """2022年绵阳高新区国民经济和社会发展统计公报
发布时间:2023-04-12  来源:绵阳高新区统计局
一、综合
初步核算,全年实现地区生产总值486.3亿元,比上年增长5.6%。其中,第二产业增加值312.5亿元,增长6.8%。
二、工业
全年规模以上工业增加值比上年增长8.2%。年末全区规模以上工业企业218家,比上年末增加16家。规模以上工业企业实现营业收入1526.8亿元,比上年增长10.4%。
三、科技创新
年末拥有高新技术企业386家,比上年末增加58家。全年专利授权量3205件,其中发明专利授权612件。全年研究与试验发展(R&D)经费支出38.6亿元,占地区生产总值的比重为7.9%。
四、投资
全年全社会固定资产投资比上年增长12.1%。全年实际到位内资215亿元。
""",
        [
            L("gdp", 4.863e10, "绵阳高新区", 2022),
            L("gdp_yoy", 5.6, "绵阳高新区", 2022),
            L("industrial_value_added_yoy", 8.2, "绵阳高新区", 2022),
            L("above_scale_industrial_enterprises", 218, "绵阳高新区", 2022),
            L("revenue", 1.5268e11, "绵阳高新区", 2022),
            L("revenue_yoy", 10.4, "绵阳高新区", 2022),
            L("high_tech_enterprises", 386, "绵阳高新区", 2022),
            L("rd_expenditure", 3.86e9, "绵阳高新区", 2022),
            L("rd_intensity", 7.9, "绵阳高新区", 2022),
        ],
    ),
    "baoji_work_report": (
        """宝鸡高新区管委会2023年政府工作报告(摘要)
发布时间:2023-01-16
过去一年,面对复杂严峻的形势,全区上下攻坚克难,经济社会发展取得新成效。全年实现地区生产总值598亿元、增长5.8%;规上工业总产值突破1200亿元;营业收入达到1860亿元,增长9.3%;高新技术企业总数达到368家,科技型中小企业达到526家。
2023年主要预期目标是:地区生产总值增长6.5%左右,规上工业总产值增长10%以上,高新技术企业突破420家。
""",
        [
            L("gdp", 5.98e10, "宝鸡高新区", 2022),
            L("gdp_yoy", 5.8, "宝鸡高新区", 2022),
            L("above_scale_industrial_output", 1.2e11, "宝鸡高新区", 2022, qualifier=">="),
            L("revenue", 1.86e11, "宝鸡高新区", 2022),
            L("revenue_yoy", 9.3, "宝鸡高新区", 2022),
            L("high_tech_enterprises", 368, "宝鸡高新区", 2022),
            L("tech_smes", 526, "宝鸡高新区", 2022),
            L("gdp_yoy", 6.5, "宝鸡高新区", 2023, status="target", qualifier="~"),
            L("above_scale_industrial_output_yoy", 10, "宝鸡高新区", 2023, status="target", qualifier=">="),
            L("high_tech_enterprises", 420, "宝鸡高新区", 2023, status="target", qualifier=">="),
        ],
    ),
    "jiangmen_review_february": (
        """江门高新区交出亮眼“年度答卷”
2023-02-06 来源:江门日报
记者从江门高新区获悉,全年全区实现规上工业总产值1051.6亿元,同比增长7.2%,首次突破千亿元大关;规上工业增加值同比增长6.9%;实现营业收入1380亿元。年末全区有效高新技术企业达到612家。
""",
        [
            L("above_scale_industrial_output", 1.0516e11, "江门高新区", 2022),
            L("above_scale_industrial_output_yoy", 7.2, "江门高新区", 2022),
            L("above_scale_industrial_output", 1e11, "江门高新区", 2022, qualifier=">=", optional=True),
            L("industrial_value_added_yoy", 6.9, "江门高新区", 2022),
            L("revenue", 1.38e11, "江门高新区", 2022),
            L("high_tech_enterprises", 612, "江门高新区", 2022),
        ],
    ),
    "nanning_cumulative_months": (
        """南宁高新区前11个月主要经济指标平稳增长
发布时间:2022-12-15
今年1至11月份,南宁高新区规上工业总产值完成612.4亿元,同比增长9.6%;限额以上批发零售业销售额同比增长12%。截至11月底,全区高新技术企业达到826家,科技型中小企业入库1235家。前11个月,园区固定资产投资同比增长15.2%,实现营业收入1680亿元,同比增长8.1%。
""",
        [
            L("above_scale_industrial_output", 6.124e10, "南宁高新区", 2022, "2022M01-M11"),
            L("above_scale_industrial_output_yoy", 9.6, "南宁高新区", 2022, "2022M01-M11"),
            L("high_tech_enterprises", 826, "南宁高新区", 2022, ANY),
            L("tech_smes", 1235, "南宁高新区", 2022, ANY),
            L("revenue", 1.68e11, "南宁高新区", 2022, "2022M01-M11"),
            L("revenue_yoy", 8.1, "南宁高新区", 2022, "2022M01-M11"),
        ],
    ),
    "ranking_many_zones": (
        """2022年国家高新区综合评价结果出炉 我省3家高新区进入前七十
2023-03-02 来源:安徽日报
近日,科技部火炬中心公布2022年国家高新区综合评价结果。中关村、深圳高新区、上海张江高新区、武汉东湖高新区、西安高新区位列前五名。合肥高新区排名第7位,较上年前进2位;芜湖高新区排名第42位,蚌埠高新区排名第68位。
据统计,2022年,全国173家国家高新区实现营业收入48.6万亿元,同比增长8.9%;园区内高新技术企业达到11.3万家。合肥高新区营业收入突破2000亿元。
""",
        [
            L("revenue", 4.86e13, "国家高新区", 2022),
            L("revenue_yoy", 8.9, "国家高新区", 2022),
            L("high_tech_enterprises", 113000, "国家高新区", 2022),
            L("revenue", 2e11, "合肥高新区", 2022, qualifier=">="),
        ],
    ),
    "xiangtan_investor_page": (
        """投资指南 | 湘潭高新区园区概况
湘潭高新区于2009年经国务院批准升级为国家高新区,规划面积52.8平方公里。园区现有企业3000余家,其中高新技术企业500余家,规上工业企业200家,科技型中小企业420家;建有省级以上研发平台86个。2021年,园区实现工业总产值1120亿元,技工贸总收入1560亿元。
联系电话:0731-58560000  邮编:411100
""",
        [
            L("settled_enterprises", 3000, "湘潭高新区", None, qualifier=">", optional=True),
            L("high_tech_enterprises", 500, "湘潭高新区", None, ANY, qualifier=">"),
            L("above_scale_industrial_enterprises", 200, "湘潭高新区", None, ANY),
            L("tech_smes", 420, "湘潭高新区", None, ANY),
            L("rd_platforms", 86, "湘潭高新区", None, ANY),
            L("industrial_output", 1.12e11, "湘潭高新区", 2021),
            L("revenue", 1.56e11, "湘潭高新区", 2021),
        ],
    ),
    "linyi_interview": (
        """专访|临沂高新区党工委书记:向“新”而行
2023-03-05 来源:大众日报
记者:过去一年高新区发展有哪些亮点?
张明:去年,我们高新区营业收入突破了900亿元,同比增长11.5%,高新技术企业净增52家,总数达到286家。“今年我们的目标是营业收入突破1000亿元,”张明说,“研发投入强度要达到4.5%。”
""",
        [
            L("revenue", 9e10, "临沂高新区", 2022, qualifier=">="),
            L("revenue_yoy", 11.5, "临沂高新区", 2022),
            L("high_tech_enterprises", 286, "临沂高新区", 2022),
            L("revenue", 1e11, "临沂高新区", 2023, status="target", qualifier=">="),
            L("rd_intensity", 4.5, "临沂高新区", 2023, status="target"),
        ],
    ),
    "quanzhou_acronyms": (
        """泉州高新区:2022年GDP增速领跑全市
发布时间:2023年2月20日
2022年,泉州高新区实现GDP 386.2亿元,增速8.1%;R&D经费投入强度达3.6%;高企总数突破300家,达到326家;规上企业营收突破800亿元。
""",
        [
            L("gdp", 3.862e10, "泉州高新区", 2022),
            L("gdp_yoy", 8.1, "泉州高新区", 2022),
            L("rd_intensity", 3.6, "泉州高新区", 2022),
            L("high_tech_enterprises", 300, "泉州高新区", 2022, qualifier=">=", optional=True),
            L("high_tech_enterprises", 326, "泉州高新区", 2022),
            L("revenue", 8e10, "泉州高新区", 2022, qualifier=">="),
        ],
    ),
    "daqing_spaced_digits": (
        """大庆高新区经济运行简报
发布时间:2022-08-05
上半年,大庆高新区实现营业收入 1 250.6 亿元,同比增长 6.2 %;工业总产值
586.3亿元。全区高新技术企业
312家。
""",
        [
            L("revenue", 1.2506e11, "大庆高新区", 2022, "2022H1"),
            L("revenue_yoy", 6.2, "大庆高新区", 2022, "2022H1"),
            L("industrial_output", 5.863e10, "大庆高新区", 2022, "2022H1"),
            L("high_tech_enterprises", 312, "大庆高新区", 2022, ANY),
        ],
    ),
    "weifang_table": (
        """潍坊高新区2022年主要经济指标
发布时间:2023-01-31
指标名称 2022年 2021年 增长(%)
营业收入(亿元) 2350.6 2120.3 10.9
规上工业总产值(亿元) 1280.5 1150.2 11.3
高新技术企业(家) 658 562 17.1
研发经费支出(亿元) 52.3 46.1 13.4
""",
        [
            L("revenue", 2.3506e11, "潍坊高新区", 2022),
            L("revenue", 2.1203e11, "潍坊高新区", 2021),
            L("revenue_yoy", 10.9, "潍坊高新区", 2022),
            L("above_scale_industrial_output", 1.2805e11, "潍坊高新区", 2022),
            L("above_scale_industrial_output", 1.1502e11, "潍坊高新区", 2021),
            L("above_scale_industrial_output_yoy", 11.3, "潍坊高新区", 2022),
            L("high_tech_enterprises", 658, "潍坊高新区", 2022),
            L("high_tech_enterprises", 562, "潍坊高新区", 2021),
            L("high_tech_enterprises_yoy", 17.1, "潍坊高新区", 2022, optional=True),
            L("rd_expenditure", 5.23e9, "潍坊高新区", 2022),
            L("rd_expenditure", 4.61e9, "潍坊高新区", 2021),
            L("rd_expenditure_yoy", 13.4, "潍坊高新区", 2022),
        ],
    ),
    "wuhu_traps": (
        """芜湖高新区2022年招商引资和科技创新工作综述
发布时间:2023-01-12
2022年,芜湖高新区技术合同成交额达到85.6亿元,招商引资到位资金320亿元,实现税收收入45.6亿元,同比增长6.1%;外贸出口总额210亿元,完成固定资产投资280亿元,增长15%。全年专利授权量4500件,引进各类人才1.2万人,新开工亿元以上项目56个,规划面积扩展至98平方公里。园区综合排名较上年提升5位。
""",
        [],
    ),
    "zhuzhou_shares_points": (
        """株洲高新区高新技术产业占比持续提升
发布时间:2022-11-20
今年前三季度,株洲高新区高新技术产业增加值占规上工业增加值的比重达到72.5%,比上年同期提高3.2个百分点;规上工业增加值增速高于全市2.1个百分点。园区营业收入占全市的比重为38%,研发投入占营业收入比重为4.8%。规上工业总产值达到950亿元,同比增长10.2%。
""",
        [
            L("rd_intensity", 4.8, "株洲高新区", 2022, ANY, optional=True),
            L("above_scale_industrial_output", 9.5e10, "株洲高新区", 2022, "2022M01-M09"),
            L("above_scale_industrial_output_yoy", 10.2, "株洲高新区", 2022, "2022M01-M09"),
        ],
    ),
    "kunshan_company_figures": (
        """昆山高新区龙头企业加速成长
发布时间:2022-05-18
2021年,昆山高新区实现规上工业总产值2680亿元。区内龙头企业好孩子集团实现营业收入120.5亿元,同比增长18%;丘钛科技股份有限公司全年营业收入达到186亿元,拥有研发机构5个。全区高新技术企业达到816家。
""",
        [
            L("above_scale_industrial_output", 2.68e11, "昆山高新区", 2021),
            L("revenue", 1.205e10, None, None, optional=True),
            L("revenue_yoy", 18, None, None, optional=True),
            L("revenue", 1.86e10, None, None, optional=True),
            L("rd_platforms", 5, None, None, optional=True),
            L("high_tech_enterprises", 816, "昆山高新区", 2021),
        ],
    ),
    "zhaoqing_spun_wording": (
        """肇庆高新区经济运行情况通报
发布时间:2022年8月12日
今年上半年,肇庆高新区完成工业生产总值560.8亿元,同比上涨9.3%;达成营业总收入702亿元,较去年同期增长7.6%;高新技术企业数量增至268家。园区研发经费内部支出12.4亿元。
""",
        [
            L("industrial_output", 5.608e10, "肇庆高新区", 2022, "2022H1"),
            L("industrial_output_yoy", 9.3, "肇庆高新区", 2022, "2022H1"),
            L("revenue", 7.02e10, "肇庆高新区", 2022, "2022H1"),
            L("revenue_yoy", 7.6, "肇庆高新区", 2022, "2022H1"),
            L("high_tech_enterprises", 268, "肇庆高新区", 2022, ANY),
            L("rd_expenditure", 1.24e9, "肇庆高新区", 2022, "2022H1"),
        ],
    ),
    "hengyang_compare_with_year": (
        """衡阳高新区营业收入再创新高
发布时间:2023-01-09
2022年,衡阳高新区实现营业收入986亿元,比2021年的862亿元增长14.4%。高新技术企业由2021年的198家增加到236家。
""",
        [
            L("revenue", 9.86e10, "衡阳高新区", 2022),
            L("revenue", 8.62e10, "衡阳高新区", 2021, optional=True),
            L("revenue_yoy", 14.4, "衡阳高新区", 2022),
            L("high_tech_enterprises", 198, "衡阳高新区", 2021),
            L("high_tech_enterprises", 236, "衡阳高新区", 2022),
        ],
    ),
    "liuzhou_estimates": (
        """柳州高新区预计全年营收突破2000亿元
发布时间:2022-12-28
据初步测算,2022年柳州高新区预计实现营业收入2050亿元左右,同比增长6%左右;规上工业总产值有望突破1500亿元。2023年,高新区力争营业收入增长8%,高新技术企业达到450家。
""",
        [
            L("revenue", 2e11, "柳州高新区", 2022, status="estimate", qualifier=">=", optional=True),
            L("revenue", 2.05e11, "柳州高新区", 2022, status="estimate", qualifier="~"),
            L("revenue_yoy", 6, "柳州高新区", 2022, status="estimate", qualifier="~"),
            L("above_scale_industrial_output", 1.5e11, "柳州高新区", 2022, status="estimate", qualifier=">="),
            L("revenue_yoy", 8, "柳州高新区", 2023, status="target"),
            L("high_tech_enterprises", 450, "柳州高新区", 2023, status="target"),
        ],
    ),
    "shenzhen_traditional": (
        """深圳高新區2022年發展概況
發佈時間:2023-02-15
2022年,深圳高新區實現營業收入1.32萬億元,同比增長5.1%;國家級高新技術企業超過4800家;規模以上工業企業1250家。
""",
        [
            L("revenue", 1.32e12, "深圳高新区", 2022),
            L("revenue_yoy", 5.1, "深圳高新区", 2022),
            L("high_tech_enterprises", 4800, "深圳高新区", 2022, qualifier=">"),
            L("above_scale_industrial_enterprises", 1250, "深圳高新区", 2022),
        ],
    ),
    "guiyang_month_report": (
        """贵阳高新区10月经济运行简析
发布时间:2022-11-18
10月份,贵阳高新区规上工业增加值同比增长8.3%。1-10月,全区规上工业总产值累计完成420.6亿元,同比增长11.2%;实现营业收入890亿元。
""",
        [
            L("industrial_value_added_yoy", 8.3, "贵阳高新区", 2022, ANY, optional=True),  # one month
            L("above_scale_industrial_output", 4.206e10, "贵阳高新区", 2022, "2022M01-M10"),
            L("above_scale_industrial_output_yoy", 11.2, "贵阳高新区", 2022, "2022M01-M10"),
            L("revenue", 8.9e10, "贵阳高新区", 2022, "2022M01-M10"),
        ],
    ),
    "urumqi_platforms": (
        """乌鲁木齐高新区创新载体建设成效显著
发布时间:2022-10-20
截至目前,乌鲁木齐高新区拥有省级以上研发平台156个,其中国家级研发平台23个;建成科技企业孵化器和众创空间28家,在孵企业860余家;累计入驻企业达到1.2万家。
""",
        [
            L("rd_platforms", 156, "乌鲁木齐高新区", 2022),
            L("rd_platforms", 23, "乌鲁木齐高新区", 2022, optional=True),
            L("incubated_enterprises", 860, "乌鲁木齐高新区", 2022, qualifier=">"),
            L("settled_enterprises", 12000, "乌鲁木齐高新区", 2022),
        ],
    ),
    "jiangyin_city_then_zone": (
        """江阴高新区:三季度经济数据发布
发布时间:2022-10-25
前三季度,江阴市实现地区生产总值3510亿元,同比增长3.2%。其中,江阴高新区完成规上工业总产值1320亿元,同比增长7.5%,占全市的比重为28%;实现地区生产总值520亿元。
""",
        [
            L("gdp", 3.51e11, None, 2022, ANY, optional=True),
            L("gdp_yoy", 3.2, None, 2022, ANY, optional=True),
            L("above_scale_industrial_output", 1.32e11, "江阴高新区", 2022, "2022M01-M09"),
            L("above_scale_industrial_output_yoy", 7.5, "江阴高新区", 2022, "2022M01-M09"),
            L("gdp", 5.2e10, "江阴高新区", 2022, "2022M01-M09"),
        ],
    ),
    "shaoxing_rates_and_points": (
        """绍兴高新区一季度主要指标
发布时间:2023-04-21
一季度,绍兴高新区规上工业增加值增速为12.6%,高于全市5.2个百分点;R&D经费支出同比增长25.3%,增幅较上年同期提高3.5个百分点;高新技术企业数量达到512家。
""",
        [
            L("industrial_value_added_yoy", 12.6, "绍兴高新区", 2023, "2023Q1"),
            L("rd_expenditure_yoy", 25.3, "绍兴高新区", 2023, "2023Q1"),
            L("high_tech_enterprises", 512, "绍兴高新区", 2023, ANY),
        ],
    ),
    "wenzhou_ad_truncated": (
        """【广告】点击领取限时优惠 >>>
温州高新区2022年经济运行情况
2023-02-14 来源:温州日报
2022年,温州高新区实现规上工业增加值168.2亿元,同比增长4.6%;高新技术企业总数达到738家;实现营业收入同比增""",
        [
            L("industrial_value_added", 1.682e10, "温州高新区", 2022),
            L("industrial_value_added_yoy", 4.6, "温州高新区", 2022),
            L("high_tech_enterprises", 738, "温州高新区", 2022),
        ],
    ),
    "xiantao_year_end_january": (
        """仙桃高新区:2022年高质量发展成效显著
发布时间:2023-01-10
截至年底,仙桃高新区高新技术企业达到128家,规上工业企业达到186家。全年完成规上工业总产值580亿元,同比增长12.3%。
""",
        [
            L("high_tech_enterprises", 128, "仙桃高新区", 2022),
            L("above_scale_industrial_enterprises", 186, "仙桃高新区", 2022),
            L("above_scale_industrial_output", 5.8e10, "仙桃高新区", 2022),
            L("above_scale_industrial_output_yoy", 12.3, "仙桃高新区", 2022),
        ],
    ),
    "changde_midyear_full_year_target": (
        """常德高新区上半年经济运行平稳
发布时间:2022-07-20
上半年,常德高新区实现规上工业总产值286亿元,同比增长10.5%。全年力争规上工业总产值突破600亿元。
""",
        [
            L("above_scale_industrial_output", 2.86e10, "常德高新区", 2022, "2022H1"),
            L("above_scale_industrial_output_yoy", 10.5, "常德高新区", 2022, "2022H1"),
            L("above_scale_industrial_output", 6e10, "常德高新区", 2022, status="target", qualifier=">="),
        ],
    ),
    "chengdu_industry_labels": (
        """成都高新区电子信息产业规模突破万亿元
发布时间:2022-02-17
2021年,成都高新区电子信息产业实现营业收入1.02万亿元,同比增长15%,是全区首个万亿级产业;生物医药产业规模达到1200亿元。全区拥有百亿级企业12家,上市企业96家。
""",
        [
            L("industrial_output", 1e12, "成都高新区", None, qualifier=">=", subject="电子信息产业", optional=True),
            L("revenue", 1.02e12, "成都高新区", 2021, subject="电子信息产业"),
            L("revenue_yoy", 15, "成都高新区", 2021, subject="电子信息产业"),
            L("industrial_output", 1.2e11, "成都高新区", 2021, subject="生物医药产业", optional=True),
        ],
    ),
    "yingkou_q1_plans": (
        """营口高新区召开2023年工作会议
发布时间:2023-02-22
会议提出,今年营口高新区力争实现营业收入增长12%,新增高新技术企业30家。目前,全区拥有高新技术企业168家,科技型中小企业245家。
""",
        [
            L("revenue_yoy", 12, "营口高新区", 2023, status="target"),
            L("high_tech_enterprises", 168, "营口高新区", 2023),
            L("tech_smes", 245, "营口高新区", 2023),
        ],
    ),
}


test_document_matches_its_labels, test_subject_period_and_qualifier = document_tests(DOCS)


if __name__ == "__main__":
    print_report(DOCS)
