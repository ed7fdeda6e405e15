<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="25" />
        <location filename="../../emit_gui/ui/actions.py" line="26" />
        <location filename="../../emit_gui/ui/actions.py" line="28" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="25" />
        <source>&amp;Open folder…</source>
        <translation>打开文件夹(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="25" />
        <source>Open a folder of products</source>
        <translation>打开商品文件夹</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="26" />
        <source>&amp;Export decisions…</source>
        <translation>导出标注结果(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="27" />
        <source>Write the decided labels in the EMIT layout</source>
        <translation>按 EMIT 格式写出已确认的标签</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="28" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="28" />
        <source>Close emit-gui</source>
        <translation>关闭 emit-gui</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="29" />
        <location filename="../../emit_gui/ui/actions.py" line="30" />
        <location filename="../../emit_gui/ui/actions.py" line="31" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="29" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="29" />
        <source>Undo the last decision, even from before a restart</source>
        <translation>撤销上一次标注（重启前的也可以）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="30" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="30" />
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="31" />
        <source>&amp;Search tags</source>
        <translation>搜索标签(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="31" />
        <source>Search products by tag</source>
        <translation>按标签搜索商品</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="32" />
        <location filename="../../emit_gui/ui/actions.py" line="34" />
        <location filename="../../emit_gui/ui/actions.py" line="36" />
        <location filename="../../emit_gui/ui/actions.py" line="37" />
        <location filename="../../emit_gui/ui/actions.py" line="48" />
        <source>&amp;Review</source>
        <translation>审核(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="32" />
        <source>&amp;Accept proposal</source>
        <translation>接受建议(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="33" />
        <source>Accept the proposed tag of the selected photo(s) and move on</source>
        <translation>接受所选图片的建议标签并前进到下一张</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="34" />
        <source>Accept &amp;product and go to next</source>
        <translation>接受整个商品并转到下一个(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="35" />
        <source>Accept every photo of this product and open the next product needing review</source>
        <translation>接受本商品的全部图片，并打开下一个待审核商品</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="36" />
        <source>&amp;Next product</source>
        <translation>下一个商品(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="36" />
        <source>Next product</source>
        <translation>下一个商品</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="37" />
        <source>&amp;Previous product</source>
        <translation>上一个商品(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="37" />
        <source>Previous product</source>
        <translation>上一个商品</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="38" />
        <location filename="../../emit_gui/ui/actions.py" line="39" />
        <location filename="../../emit_gui/ui/actions.py" line="44" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="38" />
        <source>&amp;Zoom photo</source>
        <translation>放大图片(&amp;Z)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="38" />
        <source>Open the selected photo large</source>
        <translation>大图查看所选图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="39" />
        <source>Show runner-up and &amp;votes</source>
        <translation>显示次选标签和投票(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="40" />
        <source>Show each photo's runner-up tag and the members' votes</source>
        <translation>显示每张图片的次选标签和各模型成员的投票</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="41" />
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="42" />
        <source>&amp;Retrain on decisions…</source>
        <translation>用标注结果重新训练(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="43" />
        <source>Fine-tune the model on every decision so far; it is used only if it is better</source>
        <translation>用目前所有标注微调模型；只有更好时才会启用</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="44" />
        <source>&amp;Cancel background work</source>
        <translation>取消后台任务(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="45" />
        <source>Stop loading or proposing</source>
        <translation>停止加载或预测</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="48" />
        <source>Give option %1</source>
        <translation>标为选项 %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="49" />
        <source>Give the selected photo(s) option %1</source>
        <translation>把所选图片标为选项 %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="99" />
        <source>not started</source>
        <translation>未启动</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="119" />
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="141" />
        <source>Search tags or product ids…</source>
        <translation>搜索标签或商品编号…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="145" />
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="145" />
        <source>needs review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="145" />
        <source>flagged</source>
        <translation>有警告</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="146" />
        <source>problems</source>
        <translation>有问题</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="146" />
        <source>reviewed</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="147" />
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="147" />
        <source>lowest confidence</source>
        <translation>置信度最低</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="148" />
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="154" />
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="156" />
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="168" />
        <source>Open a folder of products (Ctrl+O) or drop one here.</source>
        <translation>打开商品文件夹（Ctrl+O），或把文件夹拖到这里。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="198" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="217" />
        <source>Open a folder of products</source>
        <translation>打开商品文件夹</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="242" />
        <source>Reading folder…</source>
        <translation>正在读取文件夹…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="245" />
        <source>Indexing photos…</source>
        <translation>正在索引图片…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="275" />
        <source>earlier decision</source>
        <translation>之前的标注</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="290" />
        <source>Loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="299" />
        <source>Proposing…</source>
        <translation>正在预测…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="312" />
        <source>Proposals failed: %1</source>
        <translation>预测失败：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="346" />
        <source>%1 s left</source>
        <translation>剩余 %1 秒</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="413" />
        <source>%1 — %2 photos, %3 options</source>
        <translation>%1 — %2 张图片，%3 个选项</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="440" />
        <source>Still indexing the folder; try again in a moment</source>
        <translation>仍在索引文件夹，请稍后再试</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="452" />
        <source>give %1</source>
        <translation>标为 %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="464" />
        <source>accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="471" />
        <source>accept product</source>
        <translation>接受整个商品</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="514" />
        <source>reviewed %1 / %2 photos</source>
        <translation>已审核 %1 / %2 张图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="516" />
        <source>accepted unchanged %1</source>
        <translation>原样接受 %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="517" />
        <source>model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="518" />
        <source>inference: %1</source>
        <translation>推理：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="540" />
        <source>Retraining: %1</source>
        <translation>重新训练：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="550" />
        <source>Retrain</source>
        <translation>重新训练</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="570" />
        <source>Export decisions to folder</source>
        <translation>导出标注到文件夹</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="580" />
        <source>Exported %1 decided photos to %2</source>
        <translation>已将 %1 张已标注图片导出到 %2</translation>
    </message>
</context>
<context>
    <name>ProductListModel</name>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="100" />
        <source>%1 photos, %2 options</source>
        <translation>%1 张图片，%2 个选项</translation>
    </message>
</context>
<context>
    <name>TagBar</name>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="80" />
        <source>Key %1 gives the selected photos this option</source>
        <translation>按 %1 键把所选图片标为此选项</translation>
    </message>
</context>
<context>
    <name>ZoomDialog</name>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="31" />
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="55" />
        <source>%1 × %2 px — wheel or +/− to zoom, drag to pan, Esc to close</source>
        <translation>%1 × %2 像素 — 滚轮或 +/− 缩放，拖动平移，Esc 关闭</translation>
    </message>
</context>
</TS>