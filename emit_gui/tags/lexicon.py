"""Word lists for tag decomposition. The jieba dictionary of fashion words lives in
``resources/tags/fashion_dict.txt``; these are the rules applied around it."""

from __future__ import annotations

# Single-character colours recognised inside longer words (the EMIT paper's substring rule):
# 灰白格 -> 灰, 白; 牛油果绿 -> 牛油果绿, 绿.
# The paper's nine, plus the other one-character colour words sellers use (香槟金 -> 金).
BASIC_COLOURS = frozenset("黑白蓝红绿灰粉黄紫金银棕橙橘咖驼杏米青")

# Garment heads recognised inside longer words the same way: 阔腿裤 -> 阔腿裤, 裤.
GARMENT_HEADS = frozenset("裤裙")

# Shade modifiers split off a colour word: 浅粉色 -> 浅, 粉; 深灰 -> 深, 灰.
MODIFIERS = frozenset("深浅暗嫩淡亮")

# Words that carry no visual meaning: marketing, counting, grammar.
STOPWORDS = frozenset({
    "色", "款", "单件", "件", "系", "的", "经典", "纯", "正", "新", "同款", "套", "一", "码", "偏大", "偏小",
    "大", "小", "号", "天", "加", "绒", "加绒", "加绒款", "薄款", "厚款", "薄", "厚", "女", "男", "女款", "男款",
    "and", "with", "of", "the", "a", "in", "colour", "color",
})

# Sales notes: removed wherever they stand (brackets or not).
SALES_NOTES = (
    r"预售\s*\d*\s*天?", r"\d+\s*天\s*发货", r"\d+\s*天", r"现货\s*速发", r"现货", r"速发", r"包邮", r"热卖",
    r"新款", r"爆款", r"特价", r"清仓", r"限时\S{0,2}", r"偏大一码", r"偏小一码", r"拍下\S*", r"发货",
)

# Collapsed spellings: the label that stands for them.
CANONICAL = {
    "裙子": "裙", "裤子": "裤", "格子": "格", "格纹": "格", "圆点": "波点", "藏蓝": "藏青",
    "粉红": "粉", "纯白": "白", "大红": "红", "咖": "咖啡", "gray": "grey",
}

# English suffixes that name a base colour: greenish -> green.
ISH_BASES = {"greenish": "green", "yellowish": "yellow", "greyish": "grey", "bluish": "blue",
             "reddish": "red", "brownish": "brown", "pinkish": "pink", "purplish": "purple"}
