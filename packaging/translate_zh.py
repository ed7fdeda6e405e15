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
    "&Next product": "下一个商品(&N)", "Next product": "下一个商品", "Pre&vious product": "上一个商品(&V)",
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
    "--model": "--model", "$EMIT_GUI_MODEL": "$EMIT_GUI_MODEL", "active version": "当前启用的版本",
    "bundled default": "内置默认模型",
    "The active model %1 cannot be used; the bundled default model is used instead.":
        "当前启用的模型 %1 无法使用，已改用内置默认模型。",
    "The new model %1 is active, but $EMIT_GUI_MODEL chooses the model in use: unset it to use the new one.":
        "新模型 %1 已启用，但当前使用的模型由 $EMIT_GUI_MODEL 指定：取消该变量后才会使用新模型。",
    "Export decisions to folder": "导出标注到文件夹", "Exported %1 labelled photos to %2: %3 decided here, %4 the folder's own labels (not reviewed)":
        "已将 %1 张有标签的图片导出到 %2：%3 张在此标注，%4 张沿用文件夹原有标签（未经审核）",
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
    'Apply decision to duplicat&es': '把标注应用到重复图片(&E)',
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
    'problem': '有问题',
    'to review': '待审核',
    'waiting for proposals': '等待预测',
    'options: %1': '选项：%1',
    'lowest confidence %1': '最低置信度 %1',
    'problem: %1': '问题：%1',
    'proposed: %1 (%2)': '建议：%1（%2）',
    'runner-up: %1 (%2)': '次选：%1（%2）',
    'member votes: %1': '成员投票：%1',
    'not an option photo': '非选项图片',
    'marked unsure: look again': '标为不确定：稍后再看',
    'decided: %1 (%2)': '已确认：%1（%2）',
    "the folder's label: %1": '文件夹自带标签：%1',
    'accepted': '接受',
    'corrected': '更正',
    'from file': '来自文件',
    'unsure': '不确定',
    'saving…': '正在保存…',
    'not an option': '非选项',
    '(file)': '（文件）',
    '2nd: %1': '次选：%1',
    'votes: %1': '投票：%1',
    '&Choose option…': '选择选项(&C)…',
    'Type to find an option (products with more than 9 options) and give it to the selected photo(s)': '输入文字查找选项（超过 9 个选项的商品），并标给所选图片',
    'Mark &unsure (look later)': '标为不确定（稍后再看）(&U)',
    'Mark the selected photo(s) to look at later; the product stays to review': '把所选图片标为稍后再看；商品仍待审核',
    'Not an &option photo': '非选项图片(&O)',
    'The selected photo(s) show no option (size chart, packaging, detail): left out of full cover and export': '所选图片不展示任何选项（尺码表、包装、细节图）：不计入全覆盖，也不导出',
    'Product no&te…': '商品备注(&T)…',
    'Write a note on this product': '给本商品写备注',
    "Use the folder's &labels…": '使用文件夹自带标签(&L)…',
    "Record the labels the folder's profile files already have as decisions (marked: from file)": '把文件夹 profile 文件中已有的标签记为标注结果（标记为：来自文件）',
    'Retry': '重试',
    'Discard': '放弃',
    'Use them': '使用',
    'This folder already has %1 labelled photos. Use them as decisions (marked “from file”; one Ctrl+Z takes them back)?': '此文件夹已有 %1 张带标签的图片。把它们用作标注结果吗（标记为“来自文件”；按一次 Ctrl+Z 可全部撤回）？',
    'The database is busy: another program is writing to it.': '数据库正忙：另一个程序正在写入。',
    'The disk is full: the database cannot grow.': '磁盘已满：数据库无法写入。',
    'The database is damaged; close emit-gui and restore its backup.': '数据库已损坏；请关闭 emit-gui 并恢复备份。',
    'The database cannot be written (read-only file or folder).': '数据库无法写入（文件或文件夹只读）。',
    'The database refused the change.': '数据库拒绝了此修改。',
    '%1 decision(s) not saved; they are not shown as made. Retry when it is fixed.': '%1 个标注未保存，界面上也不会显示为已标注。问题解决后请点“重试”。',
    'Close': '关闭',
    'This product has %1 options: there is no option %2': '本商品只有 %1 个选项：没有选项 %2',
    'the product has a problem': '商品有问题',
    'This product is flagged (%1). Look at it, or press A again to accept it anyway.': '本商品有警告（%1）。请先查看，或再按一次 A 仍然接受。',
    'No other product needs review in this list': '列表中没有其他待审核的商品',
    'Product note': '商品备注',
    'Note on %1:': '%1 的备注：',
    'The note was not saved.': '备注未保存。',
    "Recorded %1 labels from the folder's files": '已记录文件夹中的 %1 个标签',
    'Nothing changed: those photos were decided again since': '没有改动：这些图片之后又被重新标注过',
    'Nothing was undone.': '没有撤销任何内容。',
    'decided: %1': '已确认：%1',
    'no proposal yet': '尚无建议',
    'not needed (stored proposals)': '无需推理（已保存的建议）',
    'Note: %1': '备注：%1',
    'fewer readable photos than options: full cover impossible': '可读图片少于选项数：无法全覆盖',
    'the labels so far (proposals and decisions) leave an option without a photo': '目前的标签（建议与已确认的）中有选项没有图片',
    'the ensemble members disagree': '集成模型成员意见不一',
    'the decisions leave an option without a photo': '标注结果中有选项没有图片',
    'a photo is marked unsure': '有图片标为不确定',
    'Choose option': '选择选项',
    'Type part of the option, Enter gives it': '输入选项的一部分，回车确认',
    '+%1 more (O)': '还有 %1 个（O）',
    'Click gives the selected photos this option': '单击把所选图片标为此选项',
    # retrain (emit_gui/ui/retrain.py)
    'Retraining: reading your decisions…': '重新训练：正在读取标注结果…',
    'Retraining could not start: %1': '无法开始重新训练：%1',
    'Retraining cancelled; the model in use is unchanged.': '已取消重新训练；当前使用的模型没有改变。',
    'Retraining stopped unexpectedly (exit code %1). %2': '重新训练意外中止（退出码 %1）。%2',
    'Retraining failed.': '重新训练失败。',
    'The new model %1 is now in use.': '新模型 %1 已启用。',
    'Use the new model': '使用新模型',
    'Keep the current model': '保留当前模型',
    'The new model %1 was kept aside; the model in use is unchanged.': '新模型 %1 已另存，未启用；当前使用的模型没有改变。',
    'OK': '确定',
    'The new model could not be used: %1': '无法启用新模型：%1',
    'Retraining: learning from your decisions (%1)': '重新训练：正在从标注结果中学习（%1）',
    'Retraining: comparing the new model with the one in use (%1)': '重新训练：正在把新模型与当前模型比较（%1）',
    'Retraining: saving the new model…': '重新训练：正在保存新模型…',
    'Retraining done: a new model is ready.': '重新训练完成：新模型已就绪。',
    'Retraining done: the new model is in use.': '重新训练完成：新模型已启用。',
    'Retraining done: the model in use is unchanged.': '重新训练完成：当前使用的模型没有改变。',
    'Your newest decisions, kept out of the learning (%1 photos, %2 products)':
        '最新的标注结果（未用于学习，%1 张图片，%2 个商品）',
    "The model's own test products (%1 photos, %2 products, tags from %3)":
        '模型自带的测试商品（%1 张图片，%2 个商品，标签来自 %3）',
    '%1: photos right %2 → %3 (%4 → %5); products fully right %6 → %7.':
        '%1：正确的图片 %2 → %3（%4 → %5）；完全正确的商品 %6 → %7。',
    '%1 product(s) become fully right.': '%1 个商品变为完全正确。',
    '%1 product(s) are no longer fully right.': '%1 个商品不再完全正确。',
    'The new model was compared with the model in use (%1).': '已把新模型与当前使用的模型（%1）进行比较。',
    'Gets better:': '变好：', 'Gets worse:': '变差：',
    'About the same (within half a point):': '基本不变（相差不到 0.5 个百分点）：',
    'It learned new tag words: %1.': '新学会的标签词：%1。',
    "The model's own test products were not found, so only your newest decisions were compared. To compare on "
    "them too, retrain from a terminal with \"emit-gui retrain --base FOLDER\", FOLDER being the products the "
    "model was trained on.":
        '未找到模型自带的测试商品，因此只比较了最新的标注结果。如需同时在测试商品上比较，请在终端运行'
        '“emit-gui retrain --base 文件夹”，文件夹为训练该模型所用的商品。',
    'accepted unseen (sure)': '未查看即接受（模型有把握）',
    # catalog problems (emit_gui/ui/text.py): the meaning in Chinese, the English detail after it
    'not an image file': '不是图片文件', 'photo not found': '找不到图片', 'photo cannot be read': '图片无法读取',
    'photo file is empty': '图片文件为空', 'photo is damaged': '图片已损坏', 'photo is cut short': '图片文件不完整',
    'not an image': '不是图片', 'photo is too large': '图片过大', "photo's metadata is oversized": '图片的元数据过大',
    'link leads outside the folder': '链接指向文件夹之外', 'unsafe photo name': '图片名称不安全',
    'photo listed twice': '图片被列出两次', 'no profile file': '没有 profile 文件',
    'profile file cannot be read': 'profile 文件无法读取', 'profile file is malformed': 'profile 文件格式错误',
    'profile file is not UTF-8': 'profile 文件不是 UTF-8 编码', 'profile file has the wrong layout': 'profile 文件结构不对',
    'no option tags': '没有选项标签', 'an option tag is not text': '有选项标签不是文本', 'an option tag is empty': '有选项标签为空',
    'an option tag is listed twice': '有选项标签重复', 'two option tags look the same': '有两个选项标签看起来相同',
    'an option tag is not valid text': '有选项标签不是有效文本', 'a label is not an option': '有标签不在选项中',
    'only one option': '只有一个选项', 'no photos': '没有图片',
    'fewer photos than options: full cover is impossible': '图片少于选项：无法做到每个选项都有图片',
    'the labels leave an option without a photo': '已有标签使某个选项没有图片',
    'product folder cannot be read': '商品文件夹无法读取', 'link loops': '链接循环', 'broken link': '链接已失效',
    'not a product': '不是商品', 'no products': '没有商品',
    'Accepted %1 sure photos in %2 products; one Ctrl+Z takes them back': '已接受 %2 个商品中的 %1 张有把握的图片；按一次 Ctrl+Z 可全部撤回',
    '%1 marked unsure, exported without a label': '%1 张标为“不确定”，导出时不带标签',
    '%1 left out: unreadable, or their product has no options': '%1 张未导出：无法读取，或所属商品没有选项',
    'Use the new model?': '要使用新模型吗？',
    'The new model was not used: it is worse than the model in use.': '新模型未启用：它比当前使用的模型差。',
    'The model in use is unchanged.': '当前使用的模型没有改变。',
    'Not enough decisions to retrain yet: there are %1, and retraining needs at least %2 (%3 to check the new '
    'model fairly, the rest to learn from). Review more photos, then try again.':
        '标注结果还不够，暂时无法重新训练：目前有 %1 个，至少需要 %2 个（其中 %3 个用于公平地检验新模型，'
        '其余用于学习）。请再审核一些图片后重试。',
    'Your decisions cover only %1 products. To check a new model fairly, retraining needs decisions on at least '
    '%2 products. Review photos of more products, then try again.':
        '标注结果只涉及 %1 个商品。为了公平地检验新模型，重新训练至少需要 %2 个商品的标注结果。'
        '请审核更多商品的图片后重试。',
    'Retraining failed: %1': '重新训练失败：%1',
    'Retraining needs the trainer (PyTorch), which this installation does not have yet. Run emit-gui-setup-trainer once, then try again.':
        '重新训练需要训练组件（PyTorch），本安装尚未配置。请先运行一次 emit-gui-setup-trainer，然后重试。',
    'a small mark differs': '有小标记不同',
    '%1 — sure %2; grey correlation %3, colour difference %4': '%1 — 把握 %2；灰度相关 %3，颜色差 %4',
    'Ctrl+Enter saves; Escape leaves the note as it was.': 'Ctrl+回车 保存；Esc 不修改备注。',
    '%1 — sure %2; compared at %3 px: fine detail correlation %4, edge pixels differing %5':
        '%1 — 把握 %2；在 %3 像素下比对：细节相关 %4，边缘像素不同 %5',
    '%1 near-duplicate pair(s) (%2 inside a product) in %3 group(s); %4 pair(s) carry different decided tags (shown; when none, every pair is shown)': '%1 对近似重复图片（%2 对在同一商品内），共 %3 组；%4 对的已确认标签不一致（已显示；没有时显示所有对）',
    'give %1 to a duplicate': '把 %1 给重复图片',
    # emit_gui/trainer.py TEXTS: the window's answers when training cannot be handed to a trainer
    "Retraining needs PyTorch, which this installation does not carry. Run %1 once in a terminal (it needs Python 3.11+ and internet access, and says its size before it starts), then retrain again.":
        "重新训练需要 PyTorch，本安装不包含它。请在终端中运行一次 %1（需要 Python 3.11+ 和网络连接，开始前会说明所需空间），然后再重新训练。",
    "The trainer in %1 does not work (%2). Run %3 again to remake it.":
        "%1 中的训练环境无法使用（%2）。请再次运行 %3 重新创建。",
    "The trainer in %1 has emit-gui %2, this program is %3. Run %4 again to update it.":
        "%1 中的训练环境是 emit-gui %2，本程序是 %3。请再次运行 %4 更新它。",
    'Accept every photo the model is &sure of…': '接受模型有把握的所有图片(&S)…',
    "Accept, in every product the list shows, the photos whose confidence reaches the model's measured 99.5%-precision point (one undo takes them all back)": '在列表显示的所有商品中，接受置信度达到模型实测 99.5% 准确率阈值的图片（一次撤销即可全部撤回）',
    'This model has no measured 99.5%-precision point: accept photos one by one.': '此模型没有实测的 99.5% 准确率阈值：请逐张接受。',
    'No photo in this list is sure enough to accept unseen': '列表中没有足够有把握、可免看接受的图片',
    'Accept sure photos': '接受有把握的图片',
    'Accept %1 photos in %2 products without looking? Their confidence is at least %3, where the model was right 99.5% of the time on photos it never saw. One Ctrl+Z takes them all back.': '不看就接受 %2 个商品中的 %1 张图片吗？它们的置信度至少为 %3；在模型从未见过的图片上，这一水平的准确率为 99.5%。按一次 Ctrl+Z 即可全部撤回。',
    'chosen': '已指定',
    'this onnxruntime has no CUDA provider': '此 onnxruntime 不含 CUDA 执行器',
    'no NVIDIA driver found (libcuda)': '未找到 NVIDIA 驱动（libcuda）',
    'no usable NVIDIA GPU or CUDA libraries; CUDA provider fell back': '没有可用的 NVIDIA GPU 或 CUDA 库；已退回 CPU',
    "CUDA results differ from the CPU's; not trusted": 'CUDA 结果与 CPU 不一致；不予采用',
    'CUDA provider failed to start: %1': 'CUDA 执行器无法启动：%1',
    'CUDA run failed: %1': 'CUDA 运行失败：%1',
    # team mode (emit_gui/ui/team.py)
    "Database": "数据库", "&Database…": "数据库(&D)…",
    "A database file, or a team database as postgresql://user@host/dbname (empty: the default file). Used from the next start.":
        "数据库文件，或团队数据库 postgresql://用户@主机/数据库名（留空：默认文件）。下次启动时生效。",
    "In use now: %1": "当前使用：%1", "path or postgresql:// URL": "路径或 postgresql:// 地址",
    "A password in the URL would be stored in plain text: remove it and put it in ~/.pgpass or a PostgreSQL service file (~/.pg_service.conf).":
        "地址中的密码会以明文保存：请删除它，改放在 ~/.pgpass 或 PostgreSQL 服务文件（~/.pg_service.conf）中。",
    "Only a file path or a postgresql:// URL is supported.": "只支持文件路径或 postgresql:// 地址。",
    "This is not a database URL.": "这不是数据库地址。",
    "Someone else is working on this product: press N for a free one": "其他人正在处理此商品：按 N 取一个空闲商品",
    "held by %1": "%1 处理中", "Seen": "已读",
    "No free product left in this list: the team holds or has finished the others (change the list's filter or "
    "search for more)": "此列表中没有空闲商品了：其余的已被团队领取或完成（更改列表的筛选或搜索可看到更多）",
    "A blind second label is an option or “not an option photo”: “unsure” does not apply":
        "盲标第二轮只能标为选项或“非选项图片”：不适用“不确定”",
    "Left out: products other labelers hold (%1).": "其他标注员正在处理的商品不包括在内（%1 个）。",
    "Left out: flagged products (%1).": "已标记（⚠）的商品不包括在内（%1 个）。",
    "Accepted %1 sure photos; left out: products other labelers hold (%2)":
        "已接受 %1 张有把握的图片；其他标注员正在处理的商品未包括在内（%2 个）",
    "Blind labels have no undo: give the photo another option to change its label":
        "盲标不能撤销：要更改标签，请给图片另选一个选项",
    "blind second label: the first labeler's decisions and the model's proposals are hidden":
        "盲标第二轮：第一位标注员的标注和模型建议均已隐藏",
    "Your hold on this product expired and %1 took it over while you were away: every decision you made is kept; "
    "the product is read-only now. Press N for a free product.":
        "你离开期间，你对此商品的占用已过期，%1 接手了它：你做的每个标注都会保留；此商品现在为只读。按 N 取一个空闲商品。",
    "Held by %1: this product is shown read-only while they work on it.": "%1 正在处理：此商品以只读方式显示。",
    "Your hold on this product expired and someone else took it: your decisions so far are kept; press N for a free product.":
        "你对此商品的占用已过期，已被其他人领取：你已做的标注会保留；按 N 取一个空闲商品。",
    "%1: %2 → %3 by %4": "%1：%2 → %3（%4）", "A reviewer corrected %1 of your photos:": "审核员更正了你的 %1 张图片：",
    "The database setting is saved: it is used at the next start.": "数据库设置已保存：下次启动时生效。",
    "On a team database the lead decides whether the folder's own labels are used":
        "在团队数据库上，是否采用文件夹自带的标签由组长决定",
    "A blind second label has no note: the product's note stays the first labeler's":
        "盲标第二轮不能写备注：商品的备注仍归第一位标注员",
    # the list's empty state, its marks, the folder picker (polish2)
    "New folder": "新建文件夹", "No product matches “%1”.": "没有商品符合“%1”。",
    "(The list shows only: %1.)": "（列表只显示：%1。）", "Esc in the search box clears the search.": "在搜索框中按 Esc 可清除搜索。",
    "No product in this list: %1.": "此列表中没有商品：%1。",
    "flagged ⚠": "有警告 ⚠", "unsure photos %1": "有不确定图片 %1", "problems ✖": "有问题 ✖", "reviewed ✓": "已审核 ✓",
    "photos marked unsure, to look at again": "有标为不确定的图片，待再看",
    "%1 photo(s) marked unsure": "%1 张图片标为不确定",
}

# Qt's own texts that Qt's qtbase_zh_CN.qm leaves English (Qt 6.11): the file dialog's two
# labels and the file type column's "Folder" (a context Qt 6 renamed and the catalogue lacks).
# Written to qt_extra_zh_CN.ts and loaded over qtbase_zh_CN.qm (emit_gui/ui/app.py).
QT_EXTRA = {
    ("QFileDialog", "&Look in:", None): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:", None): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Folder", "All other platforms"): "文件夹",
    ("QAbstractFileIconProvider", "Drive", None): "驱动器",
    ("QAbstractFileIconProvider", "Unknown", None): "未知",
}


def write_qt_extra(ts: Path) -> None:
    root = ET.Element("TS", version="2.1", language="zh_CN")
    contexts: dict[str, ET.Element] = {}
    for (context, source, comment), text in QT_EXTRA.items():
        if context not in contexts:
            contexts[context] = ET.SubElement(root, "context")
            ET.SubElement(contexts[context], "name").text = context
        msg = ET.SubElement(contexts[context], "message")
        ET.SubElement(msg, "source").text = source
        if comment:
            ET.SubElement(msg, "comment").text = comment
        ET.SubElement(msg, "translation").text = text
    ET.indent(root)
    ET.ElementTree(root).write(ts, encoding="utf-8", xml_declaration=True)


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
    write_qt_extra(I18N / "qt_extra_zh_CN.ts")
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    for name in ("emit_gui_zh_CN", "emit_gui_en", "qt_extra_zh_CN"):
        subprocess.run([str(lrelease), str(I18N / f"{name}.ts"), "-qm", str(I18N / f"{name}.qm")],
                       check=True, capture_output=True)
    if missing:
        print("untranslated:", *missing, sep="\n  ")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
