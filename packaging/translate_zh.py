"""Fill resources/i18n/emit_gui_zh_CN.ts with the Chinese interface texts, then compile both
languages: ``python packaging/translate_zh.py`` (run after ``pyside6-lupdate``; see README)."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"

ZH = {
    "&File": "文件(&F)", "&Open folder…": "打开文件夹(&O)…", "Open a folder of products": "打开商品文件夹",
    "&Export decisions…": "导出标注结果(&E)…", "Write the decided labels in the EMIT layout": "按 EMIT 格式写出已确认的标签",
    "&Quit": "退出(&Q)", "Close emit-gui": "关闭 emit-gui", "&Edit": "编辑(&E)", "&Undo": "撤销(&U)",
    "Undo the last decision, even from before a restart": "撤销上一次标注（重启前的也可以）",
    "&Redo": "重做(&R)", "Redo": "重做", "&Search tags": "搜索标签(&S)", "Search products by tag": "按标签搜索商品",
    "&Review": "审核(&R)", "&Accept proposal": "接受建议(&A)",
    "Accept the proposed tag of the selected photo(s) and move on": "接受所选图片的建议标签并前进到下一张",
    "Accept &product and go to next": "接受整个商品并转到下一个(&P)",
    "Accept every photo of this product and open the next product needing review": "接受本商品的全部图片，并打开下一个待审核商品",
    "&Next product": "下一个商品(&N)", "Next product": "下一个商品", "&Previous product": "上一个商品(&P)",
    "Previous product": "上一个商品", "&View": "视图(&V)", "&Zoom photo": "放大图片(&Z)",
    "Open the selected photo large": "大图查看所选图片", "Show runner-up and &votes": "显示次选标签和投票(&V)",
    "Show each photo's runner-up tag and the members' votes": "显示每张图片的次选标签和各模型成员的投票",
    "&Cancel background work": "取消后台任务(&C)", "Stop loading or proposing": "停止加载或预测",
    "Give option %1": "标为选项 %1", "Give the selected photo(s) option %1": "把所选图片标为选项 %1",
    "not started": "未启动", "Open &recent": "最近打开(&R)", "Search tags or product ids…": "搜索标签或商品编号…",
    "Show": "显示", "Order": "排序", "Open a folder of products (Ctrl+O) or drop one here.": "打开商品文件夹（Ctrl+O），或把文件夹拖到这里。",
    "Cancel": "取消", "Reading folder…": "正在读取文件夹…", "Indexing photos…": "正在索引图片…",
    "earlier decision": "之前的标注", "Loading model…": "正在加载模型…", "Proposing…": "正在预测…",
    "Proposals failed: %1": "预测失败：%1", "%1 s left": "剩余 %1 秒", "%1 — %2 photos, %3 options": "%1 — %2 张图片，%3 个选项",
    "Still indexing the folder; try again in a moment": "仍在索引文件夹，请稍后再试", "give %1": "标为 %1",
    "accept": "接受", "accept product": "接受整个商品", "reviewed %1 / %2 photos": "已审核 %1 / %2 张图片",
    "accepted unchanged %1": "原样接受 %1", "model: %1": "模型：%1", "inference: %1": "推理：%1",
    "Export decisions to folder": "导出标注到文件夹", "Exported %1 decided photos to %2": "已将 %1 张已标注图片导出到 %2",
    "Key %1 gives the selected photos this option": "按 %1 键把所选图片标为此选项", "Loading…": "加载中…",
    "%1 × %2 px — wheel or +/− to zoom, drag to pan, Esc to close": "%1 × %2 像素 — 滚轮或 +/− 缩放，拖动平移，Esc 关闭",
    "all": "全部", "needs review": "待审核", "flagged": "有警告", "problems": "有问题", "reviewed": "已审核",
    "%1 photos, %2 options": "%1 张图片，%2 个选项", "name": "名称",
    "&Model": "模型(&M)", "&Retrain on decisions…": "用标注结果重新训练(&R)…",
    "Fine-tune the model on every decision so far; it is used only if it is better": "用目前所有标注微调模型；只有更好时才会启用",
    "Retraining: %1": "重新训练：%1", "Retrain": "重新训练", "lowest confidence": "置信度最低", "status": "状态",
    'Find &photos by tag…': '按标签查找图片(&P)…',
    'Rank every photo of the folder by how well it fits a tag-like text': '按与标签文字的吻合程度给文件夹中所有图片排序',
    'Photos &like this one': '查找相似图片(&L)',
    'Find the photos of the folder that look most like the selected one': '在文件夹中查找与所选图片最相似的图片',
    '&Heat map of the tag': '标签热力图(&H)',
    'Open the photo large with a heat map of where the model sees its tag': '大图查看，并叠加模型识别该标签所依据区域的热力图',
    'Check &duplicates': '检查重复图片(&D)',
    'List near-duplicate photos whose tags disagree': '列出标签不一致的近似重复图片',
    'Apply decision to d&uplicates': '把标注应用到重复图片(&U)',
    'Give the last decided tag to the near-duplicates of that photo in this product': '把刚才的标签也给本商品中该图片的近似重复图片',
    'Apply (Ctrl+D)': '应用（Ctrl+D）',
    'Indexing photos for search…': '正在为搜索建立图片索引…',
    'Looking for near-duplicates…': '正在查找近似重复图片…',
    'Searching…': '正在搜索…',
    '%1 photos that fit “%2” best (labels: %3), best first': '最符合“%2”的 %1 张图片（标签：%3），由好到差',
    '%1 could not be read': '无法读取 %1',
    'Photos most like %1/%2': '与 %1/%2 最相似的图片',
    '%1 near-duplicate pairs (%2 inside a product) in %3 groups; %4 pairs carry different decided tags (shown in pairs; when none, the groups are shown)': '%1 对近似重复图片（%2 对在同一商品内），共 %3 组；%4 对的已确认标签不一致（成对显示；没有时显示各组）',
    '%1 near-duplicate(s) of this photo in this product (%2): give them “%3” too?': '本商品中有 %1 张该图片的近似重复图片（%2）：也标为“%3”吗？',
    'give %1 to duplicates': '把 %1 给重复图片',
    # near-duplicates shown side by side (emit_gui/ui/duplicates_view.py, find.py)
    'Not now': '暂不', 'Near-duplicates': '近似重复图片', '(no tag)': '（无标签）',
    'Give “%1” to the right photo': '把“%1”给右边的图片', 'Give “%1” to the left photo': '把“%1”给左边的图片',
    'mirrored': '镜像', 'cropped to %1 × %2': '裁剪为 %1 × %2', 'resized': '缩放', 'a small mark differs': '有一处小标记不同',
    'same picture': '同一张图片', '%1 — sure %2; grey correlation %3, colour difference %4': '%1 — 置信度 %2；灰度相关 %3，颜色差 %4',
    '%1 near-duplicate pair(s) (%2 inside a product) in %3 group(s); %4 pair(s) carry different decided tags (shown; when none, every pair is shown)':
        '%1 对近似重复图片（%2 对在同一商品内），共 %3 组；%4 对的已确认标签不一致（已列出；没有时列出全部）',
    'give %1 to a duplicate': '把 %1 给一张重复图片',
    "This model cannot draw heat maps (no 'features' output)": '此模型无法绘制热力图（没有 features 输出）',
    '“%1” has no label the model knows: nothing to show': '“%1”中没有模型认识的标签：无可显示',
    'Find photos': '查找图片',
    'Photos that look like a tag: 军绿, 黑白条纹, dark blue…': '查找像某个标签的图片：军绿、黑白条纹、dark blue…',
    'No heat map: the photo has no tag yet, or the model cannot explain': '没有热力图：图片还没有标签，或模型无法解释',
    'Computing where the model sees “%1”…': '正在计算模型在哪里看到“%1”…',
    'colour evidence': '颜色依据',
    'colour and shape evidence': '颜色和形状依据',
    'Heat map of “%1” (%2): red is where the model sees it most. H toggles, Shift+H adds shape evidence': '“%1”的热力图（%2）：越红表示模型越依据该处。H 切换，Shift+H 加入形状依据',
}


def fill(ts: Path, table: dict[str, str] | None) -> list[str]:
    tree = ET.parse(ts)
    missing = []
    for msg in tree.iter("message"):
        src = msg.findtext("source")
        tr = msg.find("translation")
        if table is None:  # English: the source is the text
            tr.text, tr.attrib = src, {}
        elif src in table:
            tr.text, tr.attrib = table[src], {}
        else:
            missing.append(src)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def main() -> int:
    missing = fill(I18N / "emit_gui_zh_CN.ts", ZH)
    fill(I18N / "emit_gui_en.ts", None)
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    for lang in ("zh_CN", "en"):
        subprocess.run([str(lrelease), str(I18N / f"emit_gui_{lang}.ts"), "-qm", str(I18N / f"emit_gui_{lang}.qm")],
                       check=True, capture_output=True)
    if missing:
        print("untranslated:", *missing, sep="\n  ")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
