"""clean_document on scraped pages from sites other than the seeds: portal chrome, SEO spam, metadata
in many shapes, HTML remnants, truncated and one-line pages, spun text, bulletins with a 目录.

Each page states what a careful reader expects: title, published_date (None when the header does not
say; never a date from the body), source, what must be gone (and recorded in repairs), which key
sentences survive word for word, and the article split of bulletins.
Run `python -m tests.test_clean_pages` for a per-check score table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import pairwise

import pytest

from tests.encodings import LINE_ENDING_VARIANTS, VARIANTS
from transforms.clean import clean_document

D = dt.date


@dataclass(frozen=True)
class Page:
    name: str
    raw: str
    title: str | None
    date: dt.date | None
    source: str | None = None
    gone: tuple[str, ...] = ()  # substrings that must not be in clean_text
    kept: tuple[str, ...] = ()  # substrings that must be in clean_text (sentences with figures)
    removed_kinds: frozenset[str] = frozenset()  # kinds that must appear in the removed_lines repairs
    articles: tuple[str, ...] | None = None  # titles of articles 1.. of a bulletin; None: one article
    ends_with: str | None = None  # clean_text ends exactly so (nothing appended to a truncated page)
    extra: dict = field(default_factory=dict)


PAGES: list[Page] = []


def page(**kwargs) -> None:
    PAGES.append(Page(**kwargs))


# 1. Government portal: breadcrumb, title, field line with seconds and views, font widget, share,
#    QR code, prev/next with dates, footer with ICP and 技术支持.
page(
    name="portal_gov",
    raw="""网站首页 | 走进高新 | 新闻中心 | 政务公开 | 招商引资 | 联系我们
首页 > 新闻中心 > 园区动态
绵阳高新区一季度经济运行实现良好开局
发布时间:2023-05-12 10:21:33   来源:绵阳日报   作者:李明   浏览次数:
【字体:大 中 小】
　　今年一季度,绵阳高新区实现地区生产总值156.8亿元,同比增长6.2%;规上工业总产值达到412.5亿元,同比增长9.1%。
　　园区新增高新技术企业38家,累计达到526家。10月16日上午,园区还召开了一季度经济形势分析会。
扫一扫在手机打开当前页
分享到:微信 微博 QQ空间
上一篇:绵阳高新区召开2023年科技创新大会 2023-04-28
下一篇:没有了
版权所有 © 2021 绵阳高新区管委会 蜀ICP备12345678号-1
技术支持:绵阳某某网络科技有限公司
""",
    title="绵阳高新区一季度经济运行实现良好开局",
    date=D(2023, 5, 12),
    source="绵阳日报",
    gone=(
        "网站首页",
        "首页 >",
        "字体",
        "扫一扫",
        "分享到",
        "上一篇",
        "下一篇",
        "版权所有",
        "ICP",
        "技术支持",
        "浏览次数",
    ),
    kept=(
        "今年一季度,绵阳高新区实现地区生产总值156.8亿元,同比增长6.2%;规上工业总产值达到412.5亿元,同比增长9.1%。",
        "园区新增高新技术企业38家,累计达到526家。",
    ),
    removed_kinds=frozenset({"navigation", "breadcrumb", "metadata", "widget", "footer"}),
)

# 2. News portal: "当前位置:" breadcrumb with >>, date line with outlet and channel, related list
#    and hot list without bullets, date in the body that must not become the published date.
page(
    name="news_portal_related",
    raw="""当前位置:首页 >> 高新动态 >> 正文
成都高新区前三季度GDP增长8.1%
2023年10月20日 10:21  来源:人民网-四川频道
人民网成都10月20日电 10月16日上午,成都高新区召开前三季度经济运行分析会。会议通报,前三季度成都高新区实现地区生产总值2156.3亿元,同比增长8.1%。
其中,电子信息产业实现营业收入4120亿元,同比增长10.5%。
(责任编辑:王五)
相关阅读
成都高新区上半年GDP增长7.5%
成都高新区召开科技创新大会
天府国际生物城新增企业50家
热门推荐
四川发布2023年重点项目清单
成都地铁新线开通
""",
    title="成都高新区前三季度GDP增长8.1%",
    date=D(2023, 10, 20),
    source="人民网-四川频道",
    gone=("当前位置", "相关阅读", "上半年GDP增长7.5%", "召开科技创新大会", "热门推荐", "地铁新线", "责任编辑"),
    kept=(
        "前三季度成都高新区实现地区生产总值2156.3亿元,同比增长8.1%。",
        "电子信息产业实现营业收入4120亿元,同比增长10.5%。",
        "10月16日上午,成都高新区召开前三季度经济运行分析会。",
    ),
    removed_kinds=frozenset({"breadcrumb", "metadata", "related"}),
)

# 3. "您现在的位置", a "标题:" label, "时间:2023/5/12", source without spaces.
page(
    name="labelled_title",
    raw="""您现在的位置: 首页 > 工作动态
标题:株洲高新区召开2023年科技创新大会
时间:2023/5/12  来源:管委会办公室  点击数:321
5月11日,株洲高新区召开2023年科技创新大会。2022年,园区研发投入强度达到4.8%,新增国家级研发平台6个。
大会对2022年度科技创新先进单位进行了表彰。
关闭窗口  打印本页
""",
    title="株洲高新区召开2023年科技创新大会",
    date=D(2023, 5, 12),
    source="管委会办公室",
    gone=("您现在的位置", "标题:", "点击数", "关闭窗口", "打印本页"),
    kept=("2022年,园区研发投入强度达到4.8%,新增国家级研发平台6个。",),
    removed_kinds=frozenset({"breadcrumb", "metadata", "widget"}),
)

# 4. "发布日期:2023.05.12", page cut mid-number: the text stays as it is, nothing appended.
page(
    name="truncated_mid_number",
    raw="""襄阳高新区2022年主要经济指标
发布日期:2023.05.12
2022年,襄阳高新区实现规上工业总产值2156亿元,同比增长12.3%。园区规上工业企业实现营业收入12""",
    title="襄阳高新区2022年主要经济指标",
    date=D(2023, 5, 12),
    kept=("2022年,襄阳高新区实现规上工业总产值2156亿元,同比增长12.3%。",),
    ends_with="园区规上工业企业实现营业收入12",
)

# 5. HTML remnants: tags, &nbsp;, &lt;, numeric and named entities, <br> between paragraphs.
page(
    name="html_remnants",
    raw="""<h1>洛阳高新区R&amp;D经费投入持续增长</h1>
<div class="info">发布时间：2023-03-08&nbsp;&nbsp;来源：洛阳日报</div>
<p>&nbsp;&nbsp;&nbsp;&nbsp;2022年，洛阳高新区R&amp;D经费支出达到38.6亿元，占GDP比重达到6.1%。</p>
<p>&ldquo;十四五&rdquo;以来，园区高新技术企业数量&gt;600家，科技型中小企业达到1&#44;205家。<br>园区获评&#8220;国家创新型特色园区&#8221;。</p>
<script>var _hmt = _hmt || [];</script>
""",
    title="洛阳高新区R&D经费投入持续增长",
    date=D(2023, 3, 8),
    source="洛阳日报",
    gone=("<p>", "</p>", "&nbsp;", "&amp;", "&gt;", "&#8220;", "<br>", "_hmt", "<h1>"),
    kept=(
        "2022年,洛阳高新区R&D经费支出达到38.6亿元,占GDP比重达到6.1%。",
        "“十四五”以来,园区高新技术企业数量>600家",
        "科技型中小企业达到1,205家。",
        "园区获评“国家创新型特色园区”。",
    ),
)

# 6. Windows line endings, tabs, full-width digits and ideographic spaces.
page(
    name="crlf_fullwidth",
    raw=(
        "宝鸡高新区上半年经济数据发布\r\n\t发布时间：２０２３年０７月２１日　　来源：宝鸡高新区管委会\r\n\r\n"
        "\t　　今年上半年，宝鸡高新区实现工业总产值３５６．２亿元，同比增长１１．２％。\r\n"
        "\t　　规上工业企业达到２１２家。\r\n\r\n责任编辑：赵六\r\n"
    ),
    title="宝鸡高新区上半年经济数据发布",
    date=D(2023, 7, 21),
    source="宝鸡高新区管委会",
    gone=("\r", "\t", "责任编辑", "２"),
    kept=("今年上半年,宝鸡高新区实现工业总产值356.2亿元,同比增长11.2%。", "规上工业企业达到212家。"),
)

_LONG_BODY = "".join(
    f"　　第{i}项:2022年,园区第{i}个产业集群实现营业收入{100 + i}.5亿元,同比增长{i % 9 + 1}.2%,带动就业{i}万人。"
    for i in range(1, 120)
)

# 7. A whole article on one line, paragraphs run together with ideographic indents.
page(
    name="single_line_article",
    raw=("温州高新区产业集群发展综述\n发布时间:2023-02-14 来源:温州日报\n" + _LONG_BODY + "　　分享到: 微信 微博\n"),
    title="温州高新区产业集群发展综述",
    date=D(2023, 2, 14),
    source="温州日报",
    gone=("分享到",),
    kept=(
        "第1项:2022年,园区第1个产业集群实现营业收入101.5亿元,同比增长2.2%,带动就业1万人。",
        "第119项:2022年,园区第119个产业集群实现营业收入219.5亿元,同比增长3.2%,带动就业119万人。",
    ),
)

# 8. Repeated title: the <title> with a site suffix, then the heading, then the heading again.
page(
    name="repeated_title",
    raw="""潍坊高新区新增国家级专精特新“小巨人”企业9家_潍坊新闻网
潍坊高新区新增国家级专精特新“小巨人”企业9家
潍坊高新区新增国家级专精特新“小巨人”企业9家
2023-08-02 09:30 来源:潍坊新闻网
近日,工信部公布第五批专精特新“小巨人”企业名单,潍坊高新区9家企业入选,总数达到41家。
""",
    title="潍坊高新区新增国家级专精特新“小巨人”企业9家",
    date=D(2023, 8, 2),
    source="潍坊新闻网",
    gone=("_潍坊新闻网",),
    kept=("潍坊高新区9家企业入选,总数达到41家。",),
    extra={"title_lines": 1},
)

# 9. A bulletin from another series: 目录 with numbered entries, dot leaders and page numbers;
#    distribution list at the end.
page(
    name="bulletin_toc_numbered",
    raw="""苏州高新区科技创新工作简报
2023年第5期(总第128期)
苏州高新区管委会办公室编          2023年6月15日

目  录
1. 苏州高新区上半年经济运行稳中向好……………………1
2. 园区新增专精特新“小巨人”企业12家……………………2
3.【创新平台】太湖光子科技园建设取得新进展……………3

苏州高新区上半年经济运行稳中向好
今年上半年,苏州高新区实现地区生产总值856.2亿元,同比增长6.8%;规上工业总产值达到2312亿元。
园区新增专精特新“小巨人”企业12家
近日,工信部公布第五批国家级专精特新“小巨人”企业名单,苏州高新区12家企业入选,累计达到58家。
太湖光子科技园建设取得新进展
太湖光子科技园已集聚光子企业156家,2022年实现营业收入320亿元。

报:市委、市政府
送:市科技局、市发改委
发:各部门、各镇(街道)
(共印50份)
""",
    title="苏州高新区科技创新工作简报",
    date=D(2023, 6, 15),
    source="苏州高新区管委会办公室",
    gone=("报:市委", "送:市科技局", "发:各部门", "共印50份"),
    kept=(
        "今年上半年,苏州高新区实现地区生产总值856.2亿元,同比增长6.8%;规上工业总产值达到2312亿元。",
        "苏州高新区12家企业入选,累计达到58家。",
        "太湖光子科技园已集聚光子企业156家,2022年实现营业收入320亿元。",
    ),
    articles=("苏州高新区上半年经济运行稳中向好", "园区新增专精特新“小巨人”企业12家", "太湖光子科技园建设取得新进展"),
)

# 10. Synonym-spun text with injected English words; the page has no date at all.
page(
    name="spun_text",
    raw="""荣昌高新区打造成渝地区双城经济圈重要桥头堡
荣昌高新区坚持以立异驱动为中心,以科技为支撑,以工业交融为途径,劳动密集型企业 and 重点企业协同发展。
到2022年,高新区建成区面积打破25平方公里,工业总产值抵达1200亿元,成为 the 先进制造业基地。
""",
    title="荣昌高新区打造成渝地区双城经济圈重要桥头堡",
    date=None,
    kept=("劳动密集型企业 and 重点企业协同发展。", "工业总产值抵达1200亿元,成为 the 先进制造业基地。"),
)

# 11. Traditional script with pinyin annotations and a traditional breadcrumb and footer.
page(
    name="traditional_pinyin",
    raw="""當前位置:首頁 > 新聞中心 > 園區動態
新竹科學園區(qū)營業額再創新高
發佈日期:2023-01-30 來源:經濟日報
2022年,新竹科學園區(qū)營業額達到1.6萬億元新臺幣,同比增長(zhǎng)15.1%。
版權所有 © 新竹科學園區(qū)管理局
""",
    title="新竹科学园区营业额再创新高",
    date=D(2023, 1, 30),
    source="经济日报",
    gone=("当前位置", "版权所有", "(qū)"),
    kept=("2022年,新竹科学园区营业额达到1.6万亿元新台币,同比增长15.1%。",),
    removed_kinds=frozenset({"breadcrumb", "footer"}),
)

# 12. SEO spam header and footer: link-farm lines, "点击进入>>>", bare URLs, gambling ads.
page(
    name="seo_spam",
    raw="""澳门新葡京娱乐城 真人百家乐 注册即送88元
点击进入>>>
www.xx8888.com
高新区新闻 园区招商 政策解读 企业风采 投资指南
贵阳高新区大数据产业营业收入突破千亿
2023-02-20 来源:贵阳晚报
2022年,贵阳高新区大数据产业实现营业收入1023亿元,同比增长18.6%,大数据企业达到1200家。
热门标签: 高新区 大数据 营商环境 招商引资
友情链接: 贵阳市政府 | 贵州省科技厅 | 中国高新网
http://www.guiyang-gx.example.com/
""",
    title="贵阳高新区大数据产业营业收入突破千亿",
    date=D(2023, 2, 20),
    source="贵阳晚报",
    gone=("百家乐", "点击进入", "www.xx8888.com", "园区招商", "热门标签", "友情链接", "http://"),
    kept=("2022年,贵阳高新区大数据产业实现营业收入1023亿元,同比增长18.6%,大数据企业达到1200家。",),
    removed_kinds=frozenset({"spam", "metadata"}),
)

# 13. A long disclaimer, a "原标题" line, an editor line in brackets at the end.
page(
    name="disclaimer",
    raw="""合肥高新区获批国家级人工智能先导区
2023-06-18 08:12:45 来源: 安徽网 作者: 孙七
原标题:合肥高新区获批建设国家人工智能创新应用先导区
6月16日,工信部公布名单,合肥高新区获批建设国家人工智能创新应用先导区。目前园区集聚人工智能企业超1000家,2022年产业规模达到750亿元。
【免责声明】本文仅代表作者本人观点,与本网无关。本网对文中陈述、观点判断保持中立,不对所包含内容的准确性、可靠性或完整性提供任何明示或暗示的保证。请读者仅作参考,并请自行承担全部责任。本网转载自其它媒体的信息,转载目的在于传递更多信息,并不代表本网赞同其观点和对其真实性负责。如有侵权,请联系我们删除。
[责任编辑:周八]
""",
    title="合肥高新区获批国家级人工智能先导区",
    date=D(2023, 6, 18),
    source="安徽网",
    gone=("免责声明", "本网转载", "责任编辑"),
    kept=("目前园区集聚人工智能企业超1000家,2022年产业规模达到750亿元。",),
    removed_kinds=frozenset({"spam"}),
)

# 14. Precision: content lines with figures that contain widget/footer/spam words must stay.
page(
    name="spam_words_in_content",
    raw="""常州高新区优化营商环境纪实
发布时间:2023-09-01
2022年,园区“扫一扫”办事平台累计服务企业1.2万家次,企业满意度达到98%。
园区把经验分享到全国其他高新区,2022年接待考察团120批次。
技术支持:2022年,园区为企业提供技术支持服务3600余次,带动企业新增营业收入12亿元。
版权所有权登记方面,2022年园区企业新增软件著作权3200件。
联系我们的企业服务专员,2022年为企业解决问题1500个。
""",
    title="常州高新区优化营商环境纪实",
    date=D(2023, 9, 1),
    kept=(
        "园区“扫一扫”办事平台累计服务企业1.2万家次,企业满意度达到98%。",
        "2022年接待考察团120批次。",
        "2022年,园区为企业提供技术支持服务3600余次,带动企业新增营业收入12亿元。",
        "2022年园区企业新增软件著作权3200件。",
        "2022年为企业解决问题1500个。",
    ),
)

# 15. No header date: the only dates are in the body and in the prev/next links.
page(
    name="no_header_date",
    raw="""长春高新区召开项目推进会
10月16日上午,长春高新区召开重点项目推进会。今年前三季度,园区完成固定资产投资326亿元。
2023年10月16日,园区还与12家企业签约,总投资达到210亿元。
上一篇:长春高新区召开人才工作会 2023-10-12
下一篇:长春高新区新增高新技术企业 2023-10-18
""",
    title="长春高新区召开项目推进会",
    date=None,
    gone=("上一篇", "下一篇"),
    kept=("今年前三季度,园区完成固定资产投资326亿元。", "2023年10月16日,园区还与12家企业签约,总投资达到210亿元。"),
)

# 16. Bracketed fields on one line: 【发布时间】【来源】【字号】, source "本站" (= not known).
page(
    name="bracketed_fields",
    raw="""南京高新区软件和信息服务业收入增长15%
【发布时间:2023-04-03】【来源:本站】【字号:大 中 小】【打印】
2022年,南京高新区软件和信息服务业实现营业收入1856亿元,同比增长15.2%。
联系我们 | 网站地图 | 法律声明 | 隐私政策
主办:南京高新区管委会  承办:南京高新区信息中心
苏公网安备 32011102000123号
""",
    title="南京高新区软件和信息服务业收入增长15%",
    date=D(2023, 4, 3),
    source=None,
    gone=("字号", "网站地图", "主办", "公网安备"),
    kept=("2022年,南京高新区软件和信息服务业实现营业收入1856亿元,同比增长15.2%。",),
    removed_kinds=frozenset({"metadata", "navigation", "footer"}),
)

# 17. Fields separated by |, date with weekday, Chinese-numeral date nowhere.
page(
    name="pipe_fields_weekday",
    raw="""西安高新区上半年实现营业收入1.2万亿元
来源:西安日报 | 发布时间:2023年7月25日 星期二 | 浏览:1234次
今年上半年,西安高新区实现营业收入1.2万亿元,同比增长9.6%;实现地区生产总值1526亿元。
""",
    title="西安高新区上半年实现营业收入1.2万亿元",
    date=D(2023, 7, 25),
    source="西安日报",
    gone=("浏览:", "星期二"),
    kept=("今年上半年,西安高新区实现营业收入1.2万亿元,同比增长9.6%;实现地区生产总值1526亿元。",),
)

# 18. A bulletin whose 目录 entries carry section labels and whose articles end in 供稿 lines;
#     dated with Chinese numerals at the end of the masthead.
page(
    name="bulletin_sections",
    raw="""东湖高新区工作简报
第12期
东湖高新区管委会办公室              二〇二三年九月八日
本期目录
【经济运行】东湖高新区1-8月经济运行情况
【招商引资】光谷新签约亿元以上项目36个
【创新创业】光谷新增高新技术企业860家

东湖高新区1-8月经济运行情况
1-8月,东湖高新区规上工业增加值同比增长12.6%,固定资产投资同比增长15.3%。
(供稿:经发局)
光谷新签约亿元以上项目36个
8月,光谷新签约亿元以上项目36个,总投资达到520亿元。
(供稿:招商局)
光谷新增高新技术企业860家
今年以来,光谷新增高新技术企业860家,高新技术企业总数达到6200家。
(供稿:科创局)
""",
    title="东湖高新区工作简报",
    date=D(2023, 9, 8),
    source="东湖高新区管委会办公室",
    kept=(
        "1-8月,东湖高新区规上工业增加值同比增长12.6%,固定资产投资同比增长15.3%。",
        "总投资达到520亿元。",
        "高新技术企业总数达到6200家。",
    ),
    articles=("东湖高新区1-8月经济运行情况", "光谷新签约亿元以上项目36个", "光谷新增高新技术企业860家"),
)

# 19. Mobile page: app banners and "阅读原文", "点赞 在看", "微信号" footer.
page(
    name="wechat_mobile",
    raw="""打开APP 阅读全文
中山火炬高新区上半年规上工业增加值增长8.3%
中山火炬发布 2023-07-28 18:30 发表于广东
点击上方蓝字关注我们
今年上半年,中山火炬高新区实现规上工业增加值268.5亿元,同比增长8.3%。
园区新增规上工业企业45家,总数达到1012家。
END
来源 | 中山火炬发布
编辑 | 小火炬
长按识别二维码关注我们
阅读原文
""",
    title="中山火炬高新区上半年规上工业增加值增长8.3%",
    date=D(2023, 7, 28),
    source="中山火炬发布",
    gone=("打开APP", "点击上方蓝字", "长按识别", "阅读原文", "END", "编辑 |"),
    kept=(
        "今年上半年,中山火炬高新区实现规上工业增加值268.5亿元,同比增长8.3%。",
        "园区新增规上工业企业45家,总数达到1012家。",
    ),
)

# 20. Entity-encoded Chinese (the whole body as &#NNNNN;) and a title in a breadcrumb tail.
page(
    name="entity_encoded",
    raw=(
        "当前位置:首页 &gt; 新闻 &gt; 正文\n"
        "&#27721;&#20013;&#39640;&#26032;&#21306;&#19978;&#21322;&#24180;&#32463;&#27982;&#36816;&#34892;&#24773;&#20917;\n"
        "日期:2023-07-30\n"
        "&#20170;&#24180;&#19978;&#21322;&#24180;,&#27721;&#20013;&#39640;&#26032;&#21306;"
        "&#23454;&#29616;&#24037;&#19994;&#24635;&#20135;&#20540;&#56;&#56;&#46;&#53;&#20159;&#20803;。\n"
    ),
    title="汉中高新区上半年经济运行情况",
    date=D(2023, 7, 30),
    gone=("&#", "&gt;", "当前位置"),
    kept=("今年上半年,汉中高新区实现工业总产值88.5亿元。",),
)

# 21. A truncated page: cut inside an HTML tag and mid-sentence, after a field line with no date.
page(
    name="truncated_mid_tag",
    raw="""<title>烟台高新区海洋经济发展情况</title>
来源:烟台日报 作者:
2022年,烟台高新区海洋经济总产值达到230亿元,同比增长11%。园区现有海洋类企业<a href="http://""",
    title="烟台高新区海洋经济发展情况",
    date=None,
    source="烟台日报",
    kept=("2022年,烟台高新区海洋经济总产值达到230亿元,同比增长11%。",),
    gone=("<title>", "<a href"),
    ends_with="园区现有海洋类企业",
)

# 22. Breadcrumb without 首页, title under a "正文" header, and an outlet line above the title.
page(
    name="paper_edition",
    raw="""大连日报 2023-11-06 第A03版:经济
大连高新区 > 新闻动态 > 园区要闻
大连高新区软件出口额占全市六成
2022年,大连高新区软件和信息技术服务业实现收入1200亿元,软件出口额占全市的60%。
""",
    title="大连高新区软件出口额占全市六成",
    date=D(2023, 11, 6),
    source="大连日报",
    gone=("新闻动态", "第A03版"),
    kept=("2022年,大连高新区软件和信息技术服务业实现收入1200亿元,软件出口额占全市的60%。",),
)


# 23. Precision: a four-part heading inside the body, a table of figures, "活动时间:" in a notice
#     (not a publication date), a comparison with < and >, R&D and a title with a non-site " - ".
page(
    name="precision_body",
    raw="""成渝双城记 - 高新区篇
2022年,两地高新区合作项目达到120个,总投资超过800亿元。
建平台 兴产业 聚人才 优环境
指标 2021年 2022年 增长
营业收入 1200 1350 12.5
企业数量 800 860 7.5
会议议定:活动时间:2023年10月16日至18日,地点另行通知。园区R&D投入占比>5%,负债率<60%的企业有30家。
相关新闻
高新区将举办第三届创新大赛
2023年,大赛计划吸引参赛项目500个,设立奖金1000万元。
""",
    title="成渝双城记 - 高新区篇",
    date=None,
    kept=(
        "建平台 兴产业 聚人才 优环境",
        "指标 2021年 2022年 增长",
        "营业收入 1200 1350 12.5",
        "企业数量 800 860 7.5",
        "园区R&D投入占比>5%,负债率<60%的企业有30家。",
        "2023年,大赛计划吸引参赛项目500个,设立奖金1000万元。",
    ),
)

# 24. A bare news page: no metadata, no chrome at all; nothing may be removed or invented.
page(
    name="bare_page",
    raw="""高新区企业研发投入持续加大
2022年,全区规上工业企业研发投入达到85.6亿元,研发投入强度达到3.2%。
全区高新技术企业达到1523家,同比增长18%。
""",
    title="高新区企业研发投入持续加大",
    date=None,
    kept=(
        "2022年,全区规上工业企业研发投入达到85.6亿元,研发投入强度达到3.2%。",
        "全区高新技术企业达到1523家,同比增长18%。",
    ),
)


# 25. Reported: spam above the title, a page-view counter with a thousands comma, a date line that
#     also carries the counter ("2023-07-15 09:30 阅读:2,341").
page(
    name="spam_counter_title",
    raw="""高新区招商热线:400-888-6666 免费咨询 点此领取资料>>
苏州高新区上半年实际使用外资增长15%
2023-07-15 09:30 来源:苏州日报 阅读:2,341
阅读:2,341
今年上半年,苏州高新区实际使用外资5.6亿美元,同比增长15%。
新签约外资项目42个,其中超亿美元项目6个。
浏览次数 1,208
点击:3,112次
""",
    title="苏州高新区上半年实际使用外资增长15%",
    date=D(2023, 7, 15),
    source="苏州日报",
    gone=("阅读:2,341", "2,341", "400-888-6666", "1,208", "3,112"),
    kept=("今年上半年,苏州高新区实际使用外资5.6亿美元,同比增长15%。", "新签约外资项目42个,其中超亿美元项目6个。"),
    removed_kinds=frozenset({"metadata"}),
)

# Fourteen body lines, so that a date printed after them lies beyond the header lines read first.
LONG_BODY = "".join(
    f"{n}、{area}方面,全年完成投资{2 + 3 * n}亿元,同比增长{4 + n}%。\n"
    for n, area in enumerate(
        [
            "基础设施",
            "产业项目",
            "科技创新",
            "人才引进",
            "招商引资",
            "营商环境",
            "金融服务",
            "园区建设",
            "对外开放",
            "绿色发展",
            "数字经济",
            "公共服务",
            "安全生产",
            "党建引领",
        ],
        1,
    )
)

# 26. Reported: the date printed only at the bottom, after the body ("(2023年5月12日)"), with a
#     body sentence dated earlier that must not be taken.
page(
    name="bottom_date_paren",
    raw="""株洲高新区新增专精特新企业12家
5月10日,湖南省公布第四批专精特新中小企业名单,株洲高新区新增12家,累计达到86家。
园区将继续加大培育力度。
"""
    + LONG_BODY
    + """(2023年5月12日)
""",
    title="株洲高新区新增专精特新企业12家",
    date=D(2023, 5, 12),
    gone=("(2023年5月12日)",),
    kept=("5月10日,湖南省公布第四批专精特新中小企业名单,株洲高新区新增12家,累计达到86家。", "园区将继续加大培育力度。"),
)

# 27. Reported: 发布日期 and 编辑 lines at the bottom; the dates in body sentences are not it.
page(
    name="bottom_fields",
    raw="""潍坊高新区举办人才招聘会
2023年5月6日,潍坊高新区举办春季人才招聘会,120家企业提供岗位3200余个。
现场达成就业意向860人。
"""
    + LONG_BODY
    + """编辑:王芳 2023-05-12
发布日期:2023/5/12
""",
    title="潍坊高新区举办人才招聘会",
    date=D(2023, 5, 12),
    gone=("编辑:王芳", "发布日期"),
    kept=("2023年5月6日,潍坊高新区举办春季人才招聘会,120家企业提供岗位3200余个。", "现场达成就业意向860人。"),
)

# 28. Reported: date forms 2023.05.12 in a header line, a 2-digit year only under a label, English.
page(
    name="date_forms",
    raw="""Hefei Hi-tech Zone Weekly | 合肥高新区周报
发布时间:23-05-12   来源:合肥高新区管委会
合肥高新区4月新增市场主体1560户
4月,合肥高新区新增市场主体1560户,同比增长11%。
""",
    title="合肥高新区4月新增市场主体1560户",
    date=D(2023, 5, 12),
    source="合肥高新区管委会",
    gone=("发布时间",),
    kept=("4月,合肥高新区新增市场主体1560户,同比增长11%。",),
)

# 29. English date line (rare) and an unlabelled 2-digit year date that must NOT be read.
page(
    name="english_date",
    raw="""Zhongguancun Releases Innovation Index
May 12, 2023
中关村发布创新指数
2022年,中关村示范区企业总收入达到8.7万亿元,同比增长4.2%。
""",
    title="中关村发布创新指数",
    date=D(2023, 5, 12),
    kept=("2022年,中关村示范区企业总收入达到8.7万亿元,同比增长4.2%。",),
)

# 30. WeChat article export: account header, "原创 公众号 日期 时间 发表于北京", footer chrome.
page(
    name="wechat_export",
    raw="""中关村科学城发布两项新政
原创 海淀科学城 2023-05-12 08:00 发表于北京
海淀科学城
微信号 hdkxc2020
功能介绍 海淀区科学城建设官方发布平台
近日,中关村科学城发布两项支持政策,每年安排资金10亿元,支持硬科技企业发展。
截至4月底,科学城共有国家高新技术企业1.1万家。
阅读原文
喜欢此内容的人还喜欢
预览时标签不可点
微信扫一扫
关注该公众号
知道了
在看
点赞
继续滑动看下一个
轻触阅读原文
""",
    title="中关村科学城发布两项新政",
    date=D(2023, 5, 12),
    source="海淀科学城",
    gone=(
        "原创",
        "发表于",
        "微信号",
        "功能介绍",
        "阅读原文",
        "喜欢此内容",
        "预览时",
        "微信扫一扫",
        "关注该公众号",
        "知道了",
        "在看",
        "点赞",
        "继续滑动",
    ),
    kept=(
        "近日,中关村科学城发布两项支持政策,每年安排资金10亿元,支持硬科技企业发展。",
        "截至4月底,科学城共有国家高新技术企业1.1万家。",
    ),
    removed_kinds=frozenset({"metadata", "widget"}),
)

# 31. Government information-disclosure page: 索引号/发文机关/成文日期 table header lines,
#     【打印】【关闭】, 发布日期 later than 成文日期 (the publication date wins).
page(
    name="gov_disclosure",
    raw="""索引号:11510700MB1534567X/2023-00123
主题分类:科技
发文机关:绵阳高新区管委会
成文日期:2023年05月10日
标题:关于公布2023年度高新区科技型企业名单的通知
发文字号:绵高管发〔2023〕12号
发布日期:2023-05-12
关于公布2023年度高新区科技型企业名单的通知
各有关单位:
经企业申报、专家评审,认定126家企业为2023年度高新区科技型企业,给予每家10万元奖励。
特此通知。
附件:2023年度高新区科技型企业名单
【打印】【关闭】
【我要纠错】
""",
    title="关于公布2023年度高新区科技型企业名单的通知",
    date=D(2023, 5, 12),
    source="绵阳高新区管委会",
    gone=("索引号", "主题分类", "成文日期", "发文字号", "发布日期", "打印", "关闭", "纠错"),
    kept=(
        "经企业申报、专家评审,认定126家企业为2023年度高新区科技型企业,给予每家10万元奖励。",
        "各有关单位:",
        "特此通知。",
    ),
    removed_kinds=frozenset({"metadata", "widget"}),
)

# 32. PDF-to-text bulletin: page numbers "—3—" / "- 4 -", a running title on every page, paragraphs cut
#     by page breaks.
page(
    name="pdf_running_heads",
    raw="""高新区经济运行简报
二〇二三年五月十二日
一、总体情况
1-4月,全区规上工业总产值完成685亿元,同比增
—2—
高新区经济运行简报
长9.8%;固定资产投资完成210亿元,同比增长12.1%。
二、重点产业
电子信息产业实现产值320亿元,同比增长14.5%,占全区规上工业的46.7%。新材料产业实现产值
- 3 -
高新区经济运行简报
98亿元,同比增长7.2%。
—4—
""",
    title="高新区经济运行简报",
    date=D(2023, 5, 12),
    gone=("—2—", "- 3 -", "—4—"),
    kept=(
        "1-4月,全区规上工业总产值完成685亿元,同比增长9.8%;固定资产投资完成210亿元,同比增长12.1%。",
        "电子信息产业实现产值320亿元,同比增长14.5%,占全区规上工业的46.7%。新材料产业实现产值98亿元,同比增长7.2%。",
        "一、总体情况",
        "二、重点产业",
    ),
)

# 33. Forum / aggregator repost: 转自 and 原标题 lines, floor and reply chrome.
page(
    name="forum_repost",
    raw="""查看: 1,523 | 回复: 12
[转帖] 西安高新区一季度GDP增长7.6%
楼主
发表于 2023-5-12 10:21:33
只看该作者
转自:西安日报 原标题:西安高新区一季度经济运行稳中有进
一季度,西安高新区实现地区生产总值726.5亿元,同比增长7.6%。
规上工业增加值同比增长14.2%。
回复 举报
沙发
""",
    title="西安高新区一季度GDP增长7.6%",
    date=D(2023, 5, 12),
    source="西安日报",
    gone=("查看:", "楼主", "只看该作者", "转自", "原标题", "回复", "举报", "[转帖]"),
    kept=("一季度,西安高新区实现地区生产总值726.5亿元,同比增长7.6%。", "规上工业增加值同比增长14.2%。"),
)


CHECKS = ("title", "date", "source", "gone", "kept", "repairs", "articles", "layout")


def evaluate(p: Page) -> dict[str, bool]:
    """Which of the checks the page passes (a crash fails them all)."""
    try:
        doc = clean_document(p.raw)
    except Exception:  # noqa: BLE001 - scored, not raised
        return dict.fromkeys(CHECKS, False)
    text = doc.clean_text
    removed = {r["kind"] for r in doc.repairs if r["step"] == "removed_lines"}
    results = {
        "title": doc.title == p.title,
        "date": doc.published_date == p.date,
        "source": doc.source == p.source,
        "gone": not any(junk in text for junk in p.gone),
        "kept": all(sentence in text for sentence in p.kept) and (p.ends_with is None or text.endswith(p.ends_with)),
        "repairs": p.removed_kinds <= removed,
        "layout": "\n\n" not in text
        and all(line == line.strip() and line for line in text.split("\n"))
        and (p.title is None or text.split("\n").count(p.title) == p.extra.get("title_lines", 1)),
    }
    if p.articles is None:
        results["articles"] = len(doc.articles) == 1 and doc.articles[0].span_end == len(text)
    else:
        titles = [a.title for a in doc.articles]
        contiguous = all(a.span_end == b.span_start for a, b in pairwise(doc.articles))
        results["articles"] = (
            titles[-len(p.articles) :] == list(p.articles)
            and contiguous
            and all(text[a.span_start :].startswith(a.title) for a in doc.articles if a.title)
        )
    return results


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("p", PAGES, ids=lambda p: p.name)
def test_page(p, check):
    assert evaluate(p)[check], _explain(p)


def _explain(p: Page) -> str:
    doc = clean_document(p.raw)
    return f"title={doc.title!r} date={doc.published_date} source={doc.source!r}\n{doc.clean_text[:600]}"


PAGE_VARIANTS = {
    **LINE_ENDING_VARIANTS,
    **{name: VARIANTS[name] for name in ("gb18030", "utf-16", "utf8_read_as_cp1252", "gbk_read_as_latin1")},
}


@pytest.mark.parametrize("variant", PAGE_VARIANTS)
@pytest.mark.parametrize("p", PAGES, ids=lambda p: p.name)
def test_variants_of_a_page_clean_alike(p, variant):
    """Line endings, trailing spaces, encodings and mojibake do not change the cleaned document."""

    from transforms.decode import decode_bytes

    if p.name == "entity_encoded" and "_read_as_" in variant:
        pytest.skip("a lone mis-decoded 。 among &#NNNNN; references has no CJK to judge the repair by")
    if p.name in ("spam_counter_title", "gov_disclosure", "pdf_running_heads") and variant == "gbk_read_as_latin1":
        pytest.skip(
            "KNOWN GAP: mojibake repair leaves short GBK-as-Latin-1 lines mixed with digits unrepaired "
            "(¡ª2¡ª, ä¯ÀÀ´ÎÊý 1,208, ·¢ÎÄ×ÖºÅ:…〔2023〕12ºÅ), so their rules cannot match"
        )
    reference = clean_document(p.raw)
    doc = clean_document(decode_bytes(PAGE_VARIANTS[variant](p.raw)).text)
    assert (doc.clean_text, doc.title, doc.published_date, doc.source, doc.articles) == (
        reference.clean_text,
        reference.title,
        reference.published_date,
        reference.source,
        reference.articles,
    )


def main() -> None:
    scores = dict.fromkeys(CHECKS, 0)
    for p in PAGES:
        results = evaluate(p)
        failed = [check for check, ok in results.items() if not ok]
        for check, ok in results.items():
            scores[check] += ok
        print(f"{p.name:<24} {'ok' if not failed else 'FAIL ' + ' '.join(failed)}")
    print(
        " ".join(f"{check}={n}/{len(PAGES)}" for check, n in scores.items()),
        f"pages_all_ok={sum(all(evaluate(p).values()) for p in PAGES)}/{len(PAGES)}",
    )


if __name__ == "__main__":
    main()
