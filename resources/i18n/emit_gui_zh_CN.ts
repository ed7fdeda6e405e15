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
        <location filename="../../emit_gui/ui/actions.py" line="41" />
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
        <location filename="../../emit_gui/ui/actions.py" line="47" />
        <location filename="../../emit_gui/ui/actions.py" line="49" />
        <location filename="../../emit_gui/ui/actions.py" line="58" />
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
        <location filename="../../emit_gui/ui/actions.py" line="43" />
        <location filename="../../emit_gui/ui/actions.py" line="45" />
        <location filename="../../emit_gui/ui/actions.py" line="54" />
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
        <source>Find &amp;photos by tag…</source>
        <translation>按标签查找图片(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="42" />
        <source>Rank every photo of the folder by how well it fits a tag-like text</source>
        <translation>按与标签文字的吻合程度给文件夹中所有图片排序</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="43" />
        <source>Photos &amp;like this one</source>
        <translation>查找相似图片(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="44" />
        <source>Find the photos of the folder that look most like the selected one</source>
        <translation>在文件夹中查找与所选图片最相似的图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="45" />
        <source>&amp;Heat map of the tag</source>
        <translation>标签热力图(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="46" />
        <source>Open the photo large with a heat map of where the model sees its tag</source>
        <translation>大图查看，并叠加模型识别该标签所依据区域的热力图</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="47" />
        <source>Check &amp;duplicates</source>
        <translation>检查重复图片(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="48" />
        <source>List near-duplicate photos whose tags disagree</source>
        <translation>列出标签不一致的近似重复图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="49" />
        <source>Apply decision to d&amp;uplicates</source>
        <translation>把标注应用到重复图片(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="50" />
        <source>Give the last decided tag to the near-duplicates of that photo in this product</source>
        <translation>把刚才的标签也给本商品中该图片的近似重复图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="51" />
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="52" />
        <source>&amp;Retrain on decisions…</source>
        <translation>用标注结果重新训练(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="53" />
        <source>Fine-tune the model on every decision so far; it is used only if it is better</source>
        <translation>用目前所有标注微调模型；只有更好时才会启用</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="54" />
        <source>&amp;Cancel background work</source>
        <translation>取消后台任务(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="55" />
        <source>Stop loading or proposing</source>
        <translation>停止加载或预测</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="58" />
        <source>Give option %1</source>
        <translation>标为选项 %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="59" />
        <source>Give the selected photo(s) option %1</source>
        <translation>把所选图片标为选项 %1</translation>
    </message>
</context>
<context>
    <name>DuplicateOfferBar</name>
    <message>
        <location filename="../../emit_gui/ui/duplicates_view.py" line="76" />
        <source>Apply (Ctrl+D)</source>
        <translation>应用（Ctrl+D）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/duplicates_view.py" line="77" />
        <source>Not now</source>
        <translation>暂不</translation>
    </message>
</context>
<context>
    <name>DuplicatesPanel</name>
    <message>
        <location filename="../../emit_gui/ui/duplicates_view.py" line="107" />
        <source>Near-duplicates</source>
        <translation>近似重复图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/duplicates_view.py" line="137" />
        <source>(no tag)</source>
        <translation>（无标签）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/duplicates_view.py" line="145" />
        <source>Give “%1” to the right photo</source>
        <translation>把“%1”给右边的图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/duplicates_view.py" line="150" />
        <source>Give “%1” to the left photo</source>
        <translation>把“%1”给左边的图片</translation>
    </message>
</context>
<context>
    <name>FindMixin</name>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="155" />
        <source>Loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="158" />
        <source>Indexing photos for search…</source>
        <translation>正在为搜索建立图片索引…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="159" />
        <location filename="../../emit_gui/ui/find.py" line="284" />
        <source>Looking for near-duplicates…</source>
        <translation>正在查找近似重复图片…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="195" />
        <location filename="../../emit_gui/ui/find.py" line="235" />
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="208" />
        <source>%1 photos that fit “%2” best (labels: %3), best first</source>
        <translation>最符合“%2”的 %1 张图片（标签：%3），由好到差</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="226" />
        <source>%1 could not be read</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="230" />
        <source>Photos most like %1/%2</source>
        <translation>与 %1/%2 最相似的图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="267" />
        <source>mirrored</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="269" />
        <source>cropped to %1 × %2</source>
        <translation>裁剪为 %1 × %2</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="271" />
        <source>resized</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="273" />
        <source>a small mark differs</source>
        <translation>有一处小标记不同</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="275" />
        <source>same picture</source>
        <translation>同一张图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="276" />
        <source>%1 — sure %2; grey correlation %3, colour difference %4</source>
        <translation>%1 — 置信度 %2；灰度相关 %3，颜色差 %4</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="300" />
        <source>%1 near-duplicate pair(s) (%2 inside a product) in %3 group(s); %4 pair(s) carry different decided tags (shown; when none, every pair is shown)</source>
        <translation>%1 对近似重复图片（%2 对在同一商品内），共 %3 组；%4 对的已确认标签不一致（已列出；没有时列出全部）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="311" />
        <source>give %1 to a duplicate</source>
        <translation>把 %1 给一张重复图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="345" />
        <source>%1 near-duplicate(s) of this photo in this product (%2): give them “%3” too?</source>
        <translation>本商品中有 %1 张该图片的近似重复图片（%2）：也标为“%3”吗？</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="354" />
        <source>give %1 to duplicates</source>
        <translation>把 %1 给重复图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="373" />
        <source>This model cannot draw heat maps (no 'features' output)</source>
        <translation>此模型无法绘制热力图（没有 features 输出）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="376" />
        <source>“%1” has no label the model knows: nothing to show</source>
        <translation>“%1”中没有模型认识的标签：无可显示</translation>
    </message>
</context>
<context>
    <name>FindPanel</name>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="33" />
        <source>Find photos</source>
        <translation>查找图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="39" />
        <source>Photos that look like a tag: 军绿, 黑白条纹, dark blue…</source>
        <translation>查找像某个标签的图片：军绿、黑白条纹、dark blue…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="171" />
        <source>not started</source>
        <translation>未启动</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="191" />
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="215" />
        <source>Search tags or product ids…</source>
        <translation>搜索标签或商品编号…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="219" />
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="219" />
        <source>needs review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="219" />
        <source>flagged</source>
        <translation>有警告</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="220" />
        <source>problems</source>
        <translation>有问题</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="220" />
        <source>reviewed</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="221" />
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="221" />
        <source>lowest confidence</source>
        <translation>置信度最低</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="222" />
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="228" />
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="230" />
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="242" />
        <source>Open a folder of products (Ctrl+O) or drop one here.</source>
        <translation>打开商品文件夹（Ctrl+O），或把文件夹拖到这里。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="273" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="292" />
        <source>Open a folder of products</source>
        <translation>打开商品文件夹</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="330" />
        <source>Reading folder…</source>
        <translation>正在读取文件夹…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="340" />
        <source>Indexing photos…</source>
        <translation>正在索引图片…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="384" />
        <source>earlier decision</source>
        <translation>之前的标注</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="399" />
        <source>Loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="405" />
        <source>Proposing…</source>
        <translation>正在预测…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="426" />
        <source>Proposals failed: %1</source>
        <translation>预测失败：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="464" />
        <source>%1 s left</source>
        <translation>剩余 %1 秒</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="535" />
        <source>%1 — %2 photos, %3 options</source>
        <translation>%1 — %2 张图片，%3 个选项</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="562" />
        <source>Still indexing the folder; try again in a moment</source>
        <translation>仍在索引文件夹，请稍后再试</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="574" />
        <source>give %1</source>
        <translation>标为 %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="587" />
        <source>accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="596" />
        <source>accept product</source>
        <translation>接受整个商品</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="641" />
        <source>reviewed %1 / %2 photos</source>
        <translation>已审核 %1 / %2 张图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="643" />
        <source>accepted unchanged %1</source>
        <translation>原样接受 %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="644" />
        <source>model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="645" />
        <source>inference: %1</source>
        <translation>推理：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="667" />
        <source>Retraining: %1</source>
        <translation>重新训练：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="677" />
        <source>Retrain</source>
        <translation>重新训练</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="698" />
        <source>Export decisions to folder</source>
        <translation>导出标注到文件夹</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="706" />
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
        <location filename="../../emit_gui/ui/main_window.py" line="150" />
        <source>Key %1 gives the selected photos this option</source>
        <translation>按 %1 键把所选图片标为此选项</translation>
    </message>
</context>
<context>
    <name>ZoomDialog</name>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="40" />
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="58" />
        <source>No heat map: the photo has no tag yet, or the model cannot explain</source>
        <translation>没有热力图：图片还没有标签，或模型无法解释</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="67" />
        <source>Computing where the model sees “%1”…</source>
        <translation>正在计算模型在哪里看到“%1”…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="87" />
        <source>colour evidence</source>
        <translation>颜色依据</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="87" />
        <source>colour and shape evidence</source>
        <translation>颜色和形状依据</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="88" />
        <source>Heat map of “%1” (%2): red is where the model sees it most. H toggles, Shift+H adds shape evidence</source>
        <translation>“%1”的热力图（%2）：越红表示模型越依据该处。H 切换，Shift+H 加入形状依据</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="111" />
        <source>%1 × %2 px — wheel or +/− to zoom, drag to pan, Esc to close</source>
        <translation>%1 × %2 像素 — 滚轮或 +/− 缩放，拖动平移，Esc 关闭</translation>
    </message>
</context>
</TS>