<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="28" />
        <location filename="../../emit_gui/ui/actions.py" line="29" />
        <location filename="../../emit_gui/ui/actions.py" line="31" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="28" />
        <source>&amp;Open folder…</source>
        <translation>打开文件夹(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="28" />
        <source>Open a folder of products</source>
        <translation>打开商品文件夹</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="29" />
        <source>&amp;Export decisions…</source>
        <translation>导出标注结果(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="30" />
        <source>Write the decided labels in the EMIT layout</source>
        <translation>按 EMIT 格式写出已确认的标签</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="31" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="31" />
        <source>Close emit-gui</source>
        <translation>关闭 emit-gui</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="32" />
        <location filename="../../emit_gui/ui/actions.py" line="33" />
        <location filename="../../emit_gui/ui/actions.py" line="34" />
        <location filename="../../emit_gui/ui/actions.py" line="44" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="32" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="32" />
        <source>Undo the last decision, even from before a restart</source>
        <translation>撤销上一次标注（重启前的也可以）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="33" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="33" />
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="34" />
        <source>&amp;Search tags</source>
        <translation>搜索标签(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="34" />
        <source>Search products by tag</source>
        <translation>按标签搜索商品</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="35" />
        <location filename="../../emit_gui/ui/actions.py" line="37" />
        <location filename="../../emit_gui/ui/actions.py" line="39" />
        <location filename="../../emit_gui/ui/actions.py" line="40" />
        <location filename="../../emit_gui/ui/actions.py" line="50" />
        <location filename="../../emit_gui/ui/actions.py" line="52" />
        <location filename="../../emit_gui/ui/actions.py" line="61" />
        <location filename="../../emit_gui/ui/actions.py" line="63" />
        <location filename="../../emit_gui/ui/actions.py" line="65" />
        <location filename="../../emit_gui/ui/actions.py" line="67" />
        <location filename="../../emit_gui/ui/actions.py" line="69" />
        <location filename="../../emit_gui/ui/actions.py" line="70" />
        <location filename="../../emit_gui/ui/actions.py" line="74" />
        <source>&amp;Review</source>
        <translation>审核(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="35" />
        <source>&amp;Accept proposal</source>
        <translation>接受建议(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="36" />
        <source>Accept the proposed tag of the selected photo(s) and move on</source>
        <translation>接受所选图片的建议标签并前进到下一张</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="37" />
        <source>Accept &amp;product and go to next</source>
        <translation>接受整个商品并转到下一个(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="38" />
        <source>Accept every photo of this product and open the next product needing review</source>
        <translation>接受本商品的全部图片，并打开下一个待审核商品</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="39" />
        <source>&amp;Next product</source>
        <translation>下一个商品(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="39" />
        <source>Next product</source>
        <translation>下一个商品</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="52" />
        <source>Apply decision to duplicat&amp;es</source>
        <translation>把标注应用到重复图片(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="67" />
        <source>Not an &amp;option photo</source>
        <translation>非选项图片(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="40" />
        <source>Previous product</source>
        <translation>上一个商品</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="40" />
        <source>Pre&amp;vious product</source>
        <translation>上一个商品(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="41" />
        <location filename="../../emit_gui/ui/actions.py" line="42" />
        <location filename="../../emit_gui/ui/actions.py" line="46" />
        <location filename="../../emit_gui/ui/actions.py" line="48" />
        <location filename="../../emit_gui/ui/actions.py" line="57" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="41" />
        <source>&amp;Zoom photo</source>
        <translation>放大图片(&amp;Z)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="41" />
        <source>Open the selected photo large</source>
        <translation>大图查看所选图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="42" />
        <source>Show runner-up and &amp;votes</source>
        <translation>显示次选标签和投票(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="43" />
        <source>Show each photo's runner-up tag and the members' votes</source>
        <translation>显示每张图片的次选标签和各模型成员的投票</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="44" />
        <source>Find &amp;photos by tag…</source>
        <translation>按标签查找图片(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="45" />
        <source>Rank every photo of the folder by how well it fits a tag-like text</source>
        <translation>按与标签文字的吻合程度给文件夹中所有图片排序</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="46" />
        <source>Photos &amp;like this one</source>
        <translation>查找相似图片(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="47" />
        <source>Find the photos of the folder that look most like the selected one</source>
        <translation>在文件夹中查找与所选图片最相似的图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="48" />
        <source>&amp;Heat map of the tag</source>
        <translation>标签热力图(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="49" />
        <source>Open the photo large with a heat map of where the model sees its tag</source>
        <translation>大图查看，并叠加模型识别该标签所依据区域的热力图</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="50" />
        <source>Check &amp;duplicates</source>
        <translation>检查重复图片(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="51" />
        <source>List near-duplicate photos whose tags disagree</source>
        <translation>列出标签不一致的近似重复图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="53" />
        <source>Give the last decided tag to the near-duplicates of that photo in this product</source>
        <translation>把刚才的标签也给本商品中该图片的近似重复图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="54" />
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="55" />
        <source>&amp;Retrain on decisions…</source>
        <translation>用标注结果重新训练(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="56" />
        <source>Fine-tune the model on every decision so far; it is used only if it is better</source>
        <translation>用目前所有标注微调模型；只有更好时才会启用</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="57" />
        <source>&amp;Cancel background work</source>
        <translation>取消后台任务(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="58" />
        <source>Stop loading or proposing</source>
        <translation>停止加载或预测</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="61" />
        <source>&amp;Choose option…</source>
        <translation>选择选项(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="62" />
        <source>Type to find an option (products with more than 9 options) and give it to the selected photo(s)</source>
        <translation>输入文字查找选项（超过 9 个选项的商品），并标给所选图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="63" />
        <source>Accept every photo the model is &amp;sure of…</source>
        <translation>接受模型有把握的所有图片(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="64" />
        <source>Accept, in every product the list shows, the photos whose confidence reaches the model's measured 99.5%-precision point (one undo takes them all back)</source>
        <translation>在列表显示的所有商品中，接受置信度达到模型实测 99.5% 准确率阈值的图片（一次撤销即可全部撤回）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="65" />
        <source>Mark &amp;unsure (look later)</source>
        <translation>标为不确定（稍后再看）(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="66" />
        <source>Mark the selected photo(s) to look at later; the product stays to review</source>
        <translation>把所选图片标为稍后再看；商品仍待审核</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="68" />
        <source>The selected photo(s) show no option (size chart, packaging, detail): left out of full cover and export</source>
        <translation>所选图片不展示任何选项（尺码表、包装、细节图）：不计入全覆盖，也不导出</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="69" />
        <source>Write a note on this product</source>
        <translation>给本商品写备注</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="69" />
        <source>Product no&amp;te…</source>
        <translation>商品备注(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="70" />
        <source>Use the folder's &amp;labels…</source>
        <translation>使用文件夹自带标签(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="71" />
        <source>Record the labels the folder's profile files already have as decisions (marked: from file)</source>
        <translation>把文件夹 profile 文件中已有的标签记为标注结果（标记为：来自文件）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="74" />
        <source>Give option %1</source>
        <translation>标为选项 %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="75" />
        <source>Give the selected photo(s) option %1</source>
        <translation>把所选图片标为选项 %1</translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="414" />
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="416" />
        <source>A database file, or a team database as postgresql://user@host/dbname (empty: the default file). Used from the next start.</source>
        <translation>数据库文件，或团队数据库 postgresql://用户@主机/数据库名（留空：默认文件）。下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="418" />
        <source>In use now: %1</source>
        <translation>当前使用：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="420" />
        <source>path or postgresql:// URL</source>
        <translation>路径或 postgresql:// 地址</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="435" />
        <source>A password in the URL would be stored in plain text: remove it and put it in ~/.pgpass or a PostgreSQL service file (~/.pg_service.conf).</source>
        <translation>地址中的密码会以明文保存：请删除它，改放在 ~/.pgpass 或 PostgreSQL 服务文件（~/.pg_service.conf）中。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="439" />
        <source>Only a file path or a postgresql:// URL is supported.</source>
        <translation>只支持文件路径或 postgresql:// 地址。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="442" />
        <source>This is not a database URL.</source>
        <translation>这不是数据库地址。</translation>
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
        <location filename="../../emit_gui/ui/find.py" line="192" />
        <source>Loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="195" />
        <source>Indexing photos for search…</source>
        <translation>正在为搜索建立图片索引…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="196" />
        <location filename="../../emit_gui/ui/find.py" line="327" />
        <source>Looking for near-duplicates…</source>
        <translation>正在查找近似重复图片…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="232" />
        <location filename="../../emit_gui/ui/find.py" line="272" />
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="245" />
        <source>%1 photos that fit “%2” best (labels: %3), best first</source>
        <translation>最符合“%2”的 %1 张图片（标签：%3），由好到差</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="263" />
        <source>%1 could not be read</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="267" />
        <source>Photos most like %1/%2</source>
        <translation>与 %1/%2 最相似的图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="304" />
        <source>mirrored</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="306" />
        <source>cropped to %1 × %2</source>
        <translation>裁剪为 %1 × %2</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="308" />
        <source>resized</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="310" />
        <source>a small mark differs</source>
        <translation>有小标记不同</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="312" />
        <source>same picture</source>
        <translation>同一张图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="315" />
        <source>%1 — sure %2; compared at %3 px: fine detail correlation %4, edge pixels differing %5</source>
        <translation>%1 — 把握 %2；在 %3 像素下比对：细节相关 %4，边缘像素不同 %5</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="319" />
        <source>%1 — sure %2; grey correlation %3, colour difference %4</source>
        <translation>%1 — 把握 %2；灰度相关 %3，颜色差 %4</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="343" />
        <source>%1 near-duplicate pair(s) (%2 inside a product) in %3 group(s); %4 pair(s) carry different decided tags (shown; when none, every pair is shown)</source>
        <translation>%1 对近似重复图片（%2 对在同一商品内），共 %3 组；%4 对的已确认标签不一致（已显示；没有时显示所有对）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="387" />
        <source>%1 near-duplicate(s) of this photo in this product (%2): give them “%3” too?</source>
        <translation>本商品中有 %1 张该图片的近似重复图片（%2）：也标为“%3”吗？</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="407" />
        <source>This model cannot draw heat maps (no 'features' output)</source>
        <translation>此模型无法绘制热力图（没有 features 输出）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="408" />
        <source>“%1” has no label the model knows: nothing to show</source>
        <translation>“%1”中没有模型认识的标签：无可显示</translation>
    </message>
</context>
<context>
    <name>FindPanel</name>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="41" />
        <source>Find photos</source>
        <translation>查找图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="47" />
        <source>Photos that look like a tag: 军绿, 黑白条纹, dark blue…</source>
        <translation>查找像某个标签的图片：军绿、黑白条纹、dark blue…</translation>
    </message>
</context>
<context>
    <name>FolderDialog</name>
    <message>
        <location filename="../../emit_gui/ui/folders.py" line="26" />
        <source>New folder</source>
        <translation>新建文件夹</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="62" />
        <source>not started</source>
        <translation>未启动</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="118" />
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="119" />
        <source>&amp;Database…</source>
        <translation>数据库(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="128" />
        <source>Search tags or product ids…</source>
        <translation>搜索标签或商品编号…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="132" />
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="132" />
        <source>needs review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="133" />
        <source>unsure photos %1</source>
        <translation>有不确定图片 %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="134" />
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="134" />
        <source>lowest confidence</source>
        <translation>置信度最低</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="135" />
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="141" />
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="143" />
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="162" />
        <source>Open a folder of products (Ctrl+O) or drop one here.</source>
        <translation>打开商品文件夹（Ctrl+O），或把文件夹拖到这里。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="176" />
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="176" />
        <location filename="../../emit_gui/ui/main_window.py" line="853" />
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="179" />
        <source>Use them</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="179" />
        <source>Not now</source>
        <translation>暂不</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="219" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="257" />
        <source>Open a folder of products</source>
        <translation>打开商品文件夹</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="301" />
        <source>Reading folder…</source>
        <translation>正在读取文件夹…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="311" />
        <source>Indexing photos…</source>
        <translation>正在索引图片…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="335" />
        <source>This folder already has %1 labelled photos. Use them as decisions (marked “from file”; one Ctrl+Z takes them back)?</source>
        <translation>此文件夹已有 %1 张带标签的图片。把它们用作标注结果吗（标记为“来自文件”；按一次 Ctrl+Z 可全部撤回）？</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="458" />
        <source>chosen</source>
        <translation>已指定</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="459" />
        <source>this onnxruntime has no CUDA provider</source>
        <translation>此 onnxruntime 不含 CUDA 执行器</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="460" />
        <source>no NVIDIA driver found (libcuda)</source>
        <translation>未找到 NVIDIA 驱动（libcuda）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="462" />
        <source>no usable NVIDIA GPU or CUDA libraries; CUDA provider fell back</source>
        <translation>没有可用的 NVIDIA GPU 或 CUDA 库；已退回 CPU</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="463" />
        <source>CUDA results differ from the CPU's; not trusted</source>
        <translation>CUDA 结果与 CPU 不一致；不予采用</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="468" />
        <source>CUDA provider failed to start: %1</source>
        <translation>CUDA 执行器无法启动：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="470" />
        <source>CUDA run failed: %1</source>
        <translation>CUDA 运行失败：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="633" />
        <source>No product matches “%1”.</source>
        <translation>没有商品符合“%1”。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="635" />
        <source>(The list shows only: %1.)</source>
        <translation>（列表只显示：%1。）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="636" />
        <source>Esc in the search box clears the search.</source>
        <translation>在搜索框中按 Esc 可清除搜索。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="638" />
        <source>No product in this list: %1.</source>
        <translation>此列表中没有商品：%1。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="742" />
        <source>the labels so far (proposals and decisions) leave an option without a photo</source>
        <translation>目前的标签（建议与已确认的）中有选项没有图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="779" />
        <source>Someone else is working on this product: press N for a free one</source>
        <translation>其他人正在处理此商品：按 N 取一个空闲商品</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="821" />
        <source>The database is busy: another program is writing to it.</source>
        <translation>数据库正忙：另一个程序正在写入。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="822" />
        <source>The disk is full: the database cannot grow.</source>
        <translation>磁盘已满：数据库无法写入。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="823" />
        <source>The database is damaged; close emit-gui and restore its backup.</source>
        <translation>数据库已损坏；请关闭 emit-gui 并恢复备份。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="824" />
        <source>The database cannot be written (read-only file or folder).</source>
        <translation>数据库无法写入（文件或文件夹只读）。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="825" />
        <source>The database refused the change.</source>
        <translation>数据库拒绝了此修改。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="835" />
        <source>%1 decision(s) not saved; they are not shown as made. Retry when it is fixed.</source>
        <translation>%1 个标注未保存，界面上也不会显示为已标注。问题解决后请点“重试”。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="853" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="861" />
        <source>This product has %1 options: there is no option %2</source>
        <translation>本商品只有 %1 个选项：没有选项 %2</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="887" />
        <source>A blind second label is an option or “not an option photo”: “unsure” does not apply</source>
        <translation>盲标第二轮只能标为选项或“非选项图片”：不适用“不确定”</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="909" />
        <source>the product has a problem</source>
        <translation>商品有问题</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="910" />
        <source>This product is flagged (%1). Look at it, or press A again to accept it anyway.</source>
        <translation>本商品有警告（%1）。请先查看，或再按一次 A 仍然接受。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="924" />
        <source>No other product needs review in this list</source>
        <translation>列表中没有其他待审核的商品</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="932" />
        <source>This model has no measured 99.5%-precision point: accept photos one by one.</source>
        <translation>此模型没有实测的 99.5% 准确率阈值：请逐张接受。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="943" />
        <source>Left out: flagged products (%1).</source>
        <translation>已标记（⚠）的商品不包括在内（%1 个）。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="945" />
        <source>No photo in this list is sure enough to accept unseen</source>
        <translation>列表中没有足够有把握、可免看接受的图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="949" />
        <source>Accept sure photos</source>
        <translation>接受有把握的图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="950" />
        <source>Accept %1 photos in %2 products without looking? Their confidence is at least %3, where the model was right 99.5% of the time on photos it never saw. One Ctrl+Z takes them all back.</source>
        <translation>不看就接受 %2 个商品中的 %1 张图片吗？它们的置信度至少为 %3；在模型从未见过的图片上，这一水平的准确率为 99.5%。按一次 Ctrl+Z 即可全部撤回。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="962" />
        <source>Accepted %1 sure photos in %2 products; one Ctrl+Z takes them back</source>
        <translation>已接受 %2 个商品中的 %1 张有把握的图片；按一次 Ctrl+Z 可全部撤回</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="991" />
        <source>A blind second label has no note: the product's note stays the first labeler's</source>
        <translation>盲标第二轮不能写备注：商品的备注仍归第一位标注员</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1009" />
        <source>The note was not saved.</source>
        <translation>备注未保存。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1018" />
        <source>On a team database the lead decides whether the folder's own labels are used</source>
        <translation>在团队数据库上，是否采用文件夹自带的标签由组长决定</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1033" />
        <source>Recorded %1 labels from the folder's files</source>
        <translation>已记录文件夹中的 %1 个标签</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1061" />
        <source>Blind labels have no undo: give the photo another option to change its label</source>
        <translation>盲标不能撤销：要更改标签，请给图片另选一个选项</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1077" />
        <source>Nothing changed: those photos were decided again since</source>
        <translation>没有改动：这些图片之后又被重新标注过</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1087" />
        <source>Nothing was undone.</source>
        <translation>没有撤销任何内容。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1157" />
        <source>not an option photo</source>
        <translation>非选项图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1159" />
        <source>decided: %1</source>
        <translation>已确认：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1161" />
        <source>proposed: %1 (%2)</source>
        <translation>建议：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1163" />
        <source>no proposal yet</source>
        <translation>尚无建议</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1279" />
        <source>Exported %1 labelled photos to %2: %3 decided here, %4 the folder's own labels (not reviewed)</source>
        <translation>已将 %1 张有标签的图片导出到 %2：%3 张在此标注，%4 张沿用文件夹原有标签（未经审核）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1282" />
        <source>%1 marked unsure, exported without a label</source>
        <translation>%1 张标为“不确定”，导出时不带标签</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1284" />
        <source>%1 left out: unreadable, or their product has no options</source>
        <translation>%1 张未导出：无法读取，或所属商品没有选项</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="405" />
        <source>Loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="132" />
        <source>flagged ⚠</source>
        <translation>有警告 ⚠</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="133" />
        <source>problems ✖</source>
        <translation>有问题 ✖</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="133" />
        <source>reviewed ✓</source>
        <translation>已审核 ✓</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="411" />
        <source>Proposing…</source>
        <translation>正在预测…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="441" />
        <source>Proposals failed: %1</source>
        <translation>预测失败：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="508" />
        <source>not needed (stored proposals)</source>
        <translation>无需推理（已保存的建议）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="552" />
        <source>%1 s left</source>
        <translation>剩余 %1 秒</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="698" />
        <source>%1 — %2 photos, %3 options</source>
        <translation>%1 — %2 张图片，%3 个选项</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="705" />
        <source>Note: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="741" />
        <source>fewer readable photos than options: full cover impossible</source>
        <translation>可读图片少于选项数：无法全覆盖</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="743" />
        <source>the ensemble members disagree</source>
        <translation>集成模型成员意见不一</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="744" />
        <source>the decisions leave an option without a photo</source>
        <translation>标注结果中有选项没有图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="745" />
        <source>a photo is marked unsure</source>
        <translation>有图片标为不确定</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="776" />
        <source>Still indexing the folder; try again in a moment</source>
        <translation>仍在索引文件夹，请稍后再试</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="940" />
        <source>Left out: products other labelers hold (%1).</source>
        <translation>其他标注员正在处理的商品不包括在内（%1 个）。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="969" />
        <source>Accepted %1 sure photos; left out: products other labelers hold (%2)</source>
        <translation>已接受 %1 张有把握的图片；其他标注员正在处理的商品未包括在内（%2 个）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1176" />
        <source>reviewed %1 / %2 photos</source>
        <translation>已审核 %1 / %2 张图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1178" />
        <source>accepted unchanged %1</source>
        <translation>原样接受 %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1179" />
        <source>model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1180" />
        <source>inference: %1</source>
        <translation>推理：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1228" />
        <source>The active model %1 cannot be used; the bundled default model is used instead.</source>
        <translation>当前启用的模型 %1 无法使用，已改用内置默认模型。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1234" />
        <source>--model</source>
        <translation>--model</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1234" />
        <source>$EMIT_GUI_MODEL</source>
        <translation>$EMIT_GUI_MODEL</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1234" />
        <source>active version</source>
        <translation>当前启用的版本</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1235" />
        <source>bundled default</source>
        <translation>内置默认模型</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1253" />
        <source>The new model %1 is active, but $EMIT_GUI_MODEL chooses the model in use: unset it to use the new one.</source>
        <translation>新模型 %1 已启用，但当前使用的模型由 $EMIT_GUI_MODEL 指定：取消该变量后才会使用新模型。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1270" />
        <source>Export decisions to folder</source>
        <translation>导出标注到文件夹</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../emit_gui/ui/note.py" line="17" />
        <source>Product note</source>
        <translation>商品备注</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/note.py" line="19" />
        <source>Note on %1:</source>
        <translation>%1 的备注：</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/note.py" line="24" />
        <source>Ctrl+Enter saves; Escape leaves the note as it was.</source>
        <translation>Ctrl+回车 保存；Esc 不修改备注。</translation>
    </message>
</context>
<context>
    <name>OptionChooser</name>
    <message>
        <location filename="../../emit_gui/ui/chooser.py" line="14" />
        <source>Choose option</source>
        <translation>选择选项</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/chooser.py" line="18" />
        <source>Type part of the option, Enter gives it</source>
        <translation>输入选项的一部分，回车确认</translation>
    </message>
</context>
<context>
    <name>PhotoDelegate</name>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="163" />
        <source>saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="166" />
        <source>not an option</source>
        <translation>非选项</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="173" />
        <source>(file)</source>
        <translation>（文件）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="181" />
        <source>unsure</source>
        <translation>不确定</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="196" />
        <source>model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="200" />
        <source>2nd: %1</source>
        <translation>次选：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="201" />
        <source>votes: %1</source>
        <translation>投票：%1</translation>
    </message>
</context>
<context>
    <name>PhotoModel</name>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="77" />
        <source>problem: %1</source>
        <translation>问题：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="80" />
        <source>proposed: %1 (%2)</source>
        <translation>建议：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="82" />
        <source>runner-up: %1 (%2)</source>
        <translation>次选：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="83" />
        <source>member votes: %1</source>
        <translation>成员投票：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="85" />
        <location filename="../../emit_gui/ui/photo_grid.py" line="103" />
        <source>not an option photo</source>
        <translation>非选项图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="87" />
        <source>marked unsure: look again</source>
        <translation>标为不确定：稍后再看</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="89" />
        <source>decided: %1 (%2)</source>
        <translation>已确认：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="91" />
        <source>the folder's label: %1</source>
        <translation>文件夹自带标签：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="98" />
        <source>accepted</source>
        <translation>接受</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="99" />
        <source>accepted unseen (sure)</source>
        <translation>未查看即接受（模型有把握）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="100" />
        <source>corrected</source>
        <translation>更正</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="101" />
        <source>from file</source>
        <translation>来自文件</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="102" />
        <source>unsure</source>
        <translation>不确定</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="28" />
        <source>not an image file</source>
        <translation>不是图片文件</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="29" />
        <source>photo not found</source>
        <translation>找不到图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="30" />
        <source>photo cannot be read</source>
        <translation>图片无法读取</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="31" />
        <source>photo file is empty</source>
        <translation>图片文件为空</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="32" />
        <source>photo is damaged</source>
        <translation>图片已损坏</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="33" />
        <source>photo is cut short</source>
        <translation>图片文件不完整</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="34" />
        <source>not an image</source>
        <translation>不是图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="35" />
        <source>photo is too large</source>
        <translation>图片过大</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="36" />
        <source>photo's metadata is oversized</source>
        <translation>图片的元数据过大</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="37" />
        <location filename="../../emit_gui/ui/text.py" line="57" />
        <source>link leads outside the folder</source>
        <translation>链接指向文件夹之外</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="38" />
        <source>unsafe photo name</source>
        <translation>图片名称不安全</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="39" />
        <source>photo listed twice</source>
        <translation>图片被列出两次</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="40" />
        <source>no profile file</source>
        <translation>没有 profile 文件</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="41" />
        <source>profile file cannot be read</source>
        <translation>profile 文件无法读取</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="42" />
        <source>profile file is malformed</source>
        <translation>profile 文件格式错误</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="43" />
        <source>profile file is not UTF-8</source>
        <translation>profile 文件不是 UTF-8 编码</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="44" />
        <source>profile file has the wrong layout</source>
        <translation>profile 文件结构不对</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="45" />
        <source>no option tags</source>
        <translation>没有选项标签</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="46" />
        <source>an option tag is not text</source>
        <translation>有选项标签不是文本</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="47" />
        <source>an option tag is empty</source>
        <translation>有选项标签为空</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="48" />
        <source>an option tag is listed twice</source>
        <translation>有选项标签重复</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="49" />
        <source>two option tags look the same</source>
        <translation>有两个选项标签看起来相同</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="50" />
        <source>an option tag is not valid text</source>
        <translation>有选项标签不是有效文本</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="51" />
        <source>a label is not an option</source>
        <translation>有标签不在选项中</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="52" />
        <source>only one option</source>
        <translation>只有一个选项</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="53" />
        <source>no photos</source>
        <translation>没有图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="54" />
        <source>fewer photos than options: full cover is impossible</source>
        <translation>图片少于选项：无法做到每个选项都有图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="55" />
        <source>the labels leave an option without a photo</source>
        <translation>已有标签使某个选项没有图片</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="56" />
        <source>product folder cannot be read</source>
        <translation>商品文件夹无法读取</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="58" />
        <source>link loops</source>
        <translation>链接循环</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="59" />
        <source>broken link</source>
        <translation>链接已失效</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="60" />
        <source>not a product</source>
        <translation>不是商品</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="61" />
        <source>no products</source>
        <translation>没有商品</translation>
    </message>
</context>
<context>
    <name>ProductListModel</name>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="115" />
        <source>%1 photos, %2 options</source>
        <translation>%1 张图片，%2 个选项</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="121" />
        <source>held by %1</source>
        <translation>%1 处理中</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="127" />
        <source>problem</source>
        <translation>有问题</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="127" />
        <source>flagged</source>
        <translation>有警告</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="127" />
        <source>to review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="128" />
        <source>waiting for proposals</source>
        <translation>等待预测</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="128" />
        <source>reviewed</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="131" />
        <source>photos marked unsure, to look at again</source>
        <translation>有标为不确定的图片，待再看</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="138" />
        <source>options: %1</source>
        <translation>选项：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="141" />
        <source>%1 photo(s) marked unsure</source>
        <translation>%1 张图片标为不确定</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="144" />
        <source>lowest confidence %1</source>
        <translation>最低置信度 %1</translation>
    </message>
</context>
<context>
    <name>RetrainController</name>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="83" />
        <location filename="../../emit_gui/ui/retrain.py" line="231" />
        <source>Retraining: reading your decisions…</source>
        <translation>重新训练：正在读取标注结果…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="130" />
        <source>Retraining could not start: %1</source>
        <translation>无法开始重新训练：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="143" />
        <source>Retraining cancelled; the model in use is unchanged.</source>
        <translation>已取消重新训练；当前使用的模型没有改变。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="151" />
        <source>Retraining stopped unexpectedly (exit code %1). %2</source>
        <translation>重新训练意外中止（退出码 %1）。%2</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="165" />
        <location filename="../../emit_gui/ui/retrain.py" line="241" />
        <location filename="../../emit_gui/ui/retrain.py" line="311" />
        <source>Retraining failed.</source>
        <translation>重新训练失败。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="177" />
        <location filename="../../emit_gui/ui/retrain.py" line="219" />
        <source>The new model %1 is now in use.</source>
        <translation>新模型 %1 已启用。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="190" />
        <source>Retrain</source>
        <translation>重新训练</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="195" />
        <source>Use the new model</source>
        <translation>使用新模型</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="196" />
        <source>Keep the current model</source>
        <translation>保留当前模型</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="201" />
        <source>The new model %1 was kept aside; the model in use is unchanged.</source>
        <translation>新模型 %1 已另存，未启用；当前使用的模型没有改变。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="203" />
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="217" />
        <source>The new model could not be used: %1</source>
        <translation>无法启用新模型：%1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="226" />
        <source>Retraining: learning from your decisions (%1)</source>
        <translation>重新训练：正在从标注结果中学习（%1）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="228" />
        <source>Retraining: comparing the new model with the one in use (%1)</source>
        <translation>重新训练：正在把新模型与当前模型比较（%1）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="230" />
        <source>Retraining: saving the new model…</source>
        <translation>重新训练：正在保存新模型…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="236" />
        <source>Retraining done: a new model is ready.</source>
        <translation>重新训练完成：新模型已就绪。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="238" />
        <source>Retraining done: the new model is in use.</source>
        <translation>重新训练完成：新模型已启用。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="240" />
        <source>Retraining done: the model in use is unchanged.</source>
        <translation>重新训练完成：当前使用的模型没有改变。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="246" />
        <source>Your newest decisions, kept out of the learning (%1 photos, %2 products)</source>
        <translation>最新的标注结果（未用于学习，%1 张图片，%2 个商品）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="248" />
        <source>The model's own test products (%1 photos, %2 products, tags from %3)</source>
        <translation>模型自带的测试商品（%1 张图片，%2 个商品，标签来自 %3）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="253" />
        <source>%1: photos right %2 → %3 (%4 → %5); products fully right %6 → %7.</source>
        <translation>%1：正确的图片 %2 → %3（%4 → %5）；完全正确的商品 %6 → %7。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="260" />
        <source>%1 product(s) become fully right.</source>
        <translation>%1 个商品变为完全正确。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="262" />
        <source>%1 product(s) are no longer fully right.</source>
        <translation>%1 个商品不再完全正确。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="270" />
        <source>The new model was compared with the model in use (%1).</source>
        <translation>已把新模型与当前使用的模型（%1）进行比较。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="272" />
        <source>Gets better:</source>
        <translation>变好：</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="272" />
        <source>Gets worse:</source>
        <translation>变差：</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="273" />
        <source>About the same (within half a point):</source>
        <translation>基本不变（相差不到 0.5 个百分点）：</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="279" />
        <source>It learned new tag words: %1.</source>
        <translation>新学会的标签词：%1。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="281" />
        <source>The model's own test products were not found, so only your newest decisions were compared. To compare on them too, retrain from a terminal with "emit-gui retrain --base FOLDER", FOLDER being the products the model was trained on.</source>
        <translation>未找到模型自带的测试商品，因此只比较了最新的标注结果。如需同时在测试商品上比较，请在终端运行“emit-gui retrain --base 文件夹”，文件夹为训练该模型所用的商品。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="286" />
        <source>Use the new model?</source>
        <translation>要使用新模型吗？</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="293" />
        <source>The new model was not used: it is worse than the model in use.</source>
        <translation>新模型未启用：它比当前使用的模型差。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="295" />
        <source>The model in use is unchanged.</source>
        <translation>当前使用的模型没有改变。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="297" />
        <source>Not enough decisions to retrain yet: there are %1, and retraining needs at least %2 (%3 to check the new model fairly, the rest to learn from). Review more photos, then try again.</source>
        <translation>标注结果还不够，暂时无法重新训练：目前有 %1 个，至少需要 %2 个（其中 %3 个用于公平地检验新模型，其余用于学习）。请再审核一些图片后重试。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="303" />
        <source>Your decisions cover only %1 products. To check a new model fairly, retraining needs decisions on at least %2 products. Review photos of more products, then try again.</source>
        <translation>标注结果只涉及 %1 个商品。为了公平地检验新模型，重新训练至少需要 %2 个商品的标注结果。请审核更多商品的图片后重试。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="308" />
        <source>Retraining needs the trainer (PyTorch), which this installation does not have yet. Run emit-gui-setup-trainer once, then try again.</source>
        <translation>重新训练需要训练组件（PyTorch），本安装尚未配置。请先运行一次 emit-gui-setup-trainer，然后重试。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="311" />
        <source>Retraining failed: %1</source>
        <translation>重新训练失败：%1</translation>
    </message>
</context>
<context>
    <name>TagBar</name>
    <message>
        <location filename="../../emit_gui/ui/tag_bar.py" line="59" />
        <source>+%1 more (O)</source>
        <translation>还有 %1 个（O）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/tag_bar.py" line="126" />
        <source>Key %1 gives the selected photos this option</source>
        <translation>按 %1 键把所选图片标为此选项</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/tag_bar.py" line="127" />
        <source>Click gives the selected photos this option</source>
        <translation>单击把所选图片标为此选项</translation>
    </message>
</context>
<context>
    <name>TeamController</name>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="57" />
        <source>Seen</source>
        <translation>已读</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="58" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="189" />
        <source>No free product left in this list: the team holds or has finished the others (change the list's filter or search for more)</source>
        <translation>此列表中没有空闲商品了：其余的已被团队领取或完成（更改列表的筛选或搜索可看到更多）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="247" />
        <source>blind second label: the first labeler's decisions and the model's proposals are hidden</source>
        <translation>盲标第二轮：第一位标注员的标注和模型建议均已隐藏</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="253" />
        <source>Held by %1: this product is shown read-only while they work on it.</source>
        <translation>%1 正在处理：此商品以只读方式显示。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="260" />
        <source>Your hold on this product expired and %1 took it over while you were away: every decision you made is kept; the product is read-only now. Press N for a free product.</source>
        <translation>你离开期间，你对此商品的占用已过期，%1 接手了它：你做的每个标注都会保留；此商品现在为只读。按 N 取一个空闲商品。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="263" />
        <source>Your hold on this product expired and someone else took it: your decisions so far are kept; press N for a free product.</source>
        <translation>你对此商品的占用已过期，已被其他人领取：你已做的标注会保留；按 N 取一个空闲商品。</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="354" />
        <source>%1: %2 → %3 by %4</source>
        <translation>%1：%2 → %3（%4）</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="360" />
        <source>A reviewer corrected %1 of your photos:</source>
        <translation>审核员更正了你的 %1 张图片：</translation>
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
        <location filename="../../emit_gui/ui/zoom.py" line="75" />
        <source>No heat map: the photo has no tag yet, or the model cannot explain</source>
        <translation>没有热力图：图片还没有标签，或模型无法解释</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="84" />
        <source>Computing where the model sees “%1”…</source>
        <translation>正在计算模型在哪里看到“%1”…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="104" />
        <source>colour evidence</source>
        <translation>颜色依据</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="104" />
        <source>colour and shape evidence</source>
        <translation>颜色和形状依据</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="105" />
        <source>Heat map of “%1” (%2): red is where the model sees it most. H toggles, Shift+H adds shape evidence</source>
        <translation>“%1”的热力图（%2）：越红表示模型越依据该处。H 切换，Shift+H 加入形状依据</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="128" />
        <source>%1 × %2 px — wheel or +/− to zoom, drag to pan, Esc to close</source>
        <translation>%1 × %2 像素 — 滚轮或 +/− 缩放，拖动平移，Esc 关闭</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="452" />
        <source>The database setting is saved: it is used at the next start.</source>
        <translation>数据库设置已保存：下次启动时生效。</translation>
    </message>
</context>
</TS>