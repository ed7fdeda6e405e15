<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="28" />
        <location filename="../../emit_gui/ui/actions.py" line="29" />
        <location filename="../../emit_gui/ui/actions.py" line="31" />
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="28" />
        <source>&amp;Open folder…</source>
        <translation>&amp;Open folder…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="28" />
        <source>Open a folder of products</source>
        <translation>Open a folder of products</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="29" />
        <source>&amp;Export decisions…</source>
        <translation>&amp;Export decisions…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="30" />
        <source>Write the decided labels in the EMIT layout</source>
        <translation>Write the decided labels in the EMIT layout</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="31" />
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="31" />
        <source>Close emit-gui</source>
        <translation>Close emit-gui</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="32" />
        <location filename="../../emit_gui/ui/actions.py" line="33" />
        <location filename="../../emit_gui/ui/actions.py" line="34" />
        <location filename="../../emit_gui/ui/actions.py" line="44" />
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="32" />
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="32" />
        <source>Undo the last decision, even from before a restart</source>
        <translation>Undo the last decision, even from before a restart</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="33" />
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="33" />
        <source>Redo</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="34" />
        <source>&amp;Search tags</source>
        <translation>&amp;Search tags</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="34" />
        <source>Search products by tag</source>
        <translation>Search products by tag</translation>
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
        <translation>&amp;Review</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="35" />
        <source>&amp;Accept proposal</source>
        <translation>&amp;Accept proposal</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="36" />
        <source>Accept the proposed tag of the selected photo(s) and move on</source>
        <translation>Accept the proposed tag of the selected photo(s) and move on</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="37" />
        <source>Accept &amp;product and go to next</source>
        <translation>Accept &amp;product and go to next</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="38" />
        <source>Accept every photo of this product and open the next product needing review</source>
        <translation>Accept every photo of this product and open the next product needing review</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="39" />
        <source>&amp;Next product</source>
        <translation>&amp;Next product</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="39" />
        <source>Next product</source>
        <translation>Next product</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="52" />
        <source>Apply decision to duplicat&amp;es</source>
        <translation>Apply decision to duplicat&amp;es</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="67" />
        <source>Not an &amp;option photo</source>
        <translation>Not an &amp;option photo</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="40" />
        <source>Previous product</source>
        <translation>Previous product</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="40" />
        <source>Pre&amp;vious product</source>
        <translation>Pre&amp;vious product</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="41" />
        <location filename="../../emit_gui/ui/actions.py" line="42" />
        <location filename="../../emit_gui/ui/actions.py" line="46" />
        <location filename="../../emit_gui/ui/actions.py" line="48" />
        <location filename="../../emit_gui/ui/actions.py" line="57" />
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="41" />
        <source>&amp;Zoom photo</source>
        <translation>&amp;Zoom photo</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="41" />
        <source>Open the selected photo large</source>
        <translation>Open the selected photo large</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="42" />
        <source>Show runner-up and &amp;votes</source>
        <translation>Show runner-up and &amp;votes</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="43" />
        <source>Show each photo's runner-up tag and the members' votes</source>
        <translation>Show each photo's runner-up tag and the members' votes</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="44" />
        <source>Find &amp;photos by tag…</source>
        <translation>Find &amp;photos by tag…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="45" />
        <source>Rank every photo of the folder by how well it fits a tag-like text</source>
        <translation>Rank every photo of the folder by how well it fits a tag-like text</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="46" />
        <source>Photos &amp;like this one</source>
        <translation>Photos &amp;like this one</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="47" />
        <source>Find the photos of the folder that look most like the selected one</source>
        <translation>Find the photos of the folder that look most like the selected one</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="48" />
        <source>&amp;Heat map of the tag</source>
        <translation>&amp;Heat map of the tag</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="49" />
        <source>Open the photo large with a heat map of where the model sees its tag</source>
        <translation>Open the photo large with a heat map of where the model sees its tag</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="50" />
        <source>Check &amp;duplicates</source>
        <translation>Check &amp;duplicates</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="51" />
        <source>List near-duplicate photos whose tags disagree</source>
        <translation>List near-duplicate photos whose tags disagree</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="53" />
        <source>Give the last decided tag to the near-duplicates of that photo in this product</source>
        <translation>Give the last decided tag to the near-duplicates of that photo in this product</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="54" />
        <source>&amp;Model</source>
        <translation>&amp;Model</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="55" />
        <source>&amp;Retrain on decisions…</source>
        <translation>&amp;Retrain on decisions…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="56" />
        <source>Fine-tune the model on every decision so far; it is used only if it is better</source>
        <translation>Fine-tune the model on every decision so far; it is used only if it is better</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="57" />
        <source>&amp;Cancel background work</source>
        <translation>&amp;Cancel background work</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="58" />
        <source>Stop loading or proposing</source>
        <translation>Stop loading or proposing</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="61" />
        <source>&amp;Choose option…</source>
        <translation>&amp;Choose option…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="62" />
        <source>Type to find an option (products with more than 9 options) and give it to the selected photo(s)</source>
        <translation>Type to find an option (products with more than 9 options) and give it to the selected photo(s)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="63" />
        <source>Accept every photo the model is &amp;sure of…</source>
        <translation>Accept every photo the model is &amp;sure of…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="64" />
        <source>Accept, in every product the list shows, the photos whose confidence reaches the model's measured 99.5%-precision point (one undo takes them all back)</source>
        <translation>Accept, in every product the list shows, the photos whose confidence reaches the model's measured 99.5%-precision point (one undo takes them all back)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="65" />
        <source>Mark &amp;unsure (look later)</source>
        <translation>Mark &amp;unsure (look later)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="66" />
        <source>Mark the selected photo(s) to look at later; the product stays to review</source>
        <translation>Mark the selected photo(s) to look at later; the product stays to review</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="68" />
        <source>The selected photo(s) show no option (size chart, packaging, detail): left out of full cover and export</source>
        <translation>The selected photo(s) show no option (size chart, packaging, detail): left out of full cover and export</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="69" />
        <source>Write a note on this product</source>
        <translation>Write a note on this product</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="69" />
        <source>Product no&amp;te…</source>
        <translation>Product no&amp;te…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="70" />
        <source>Use the folder's &amp;labels…</source>
        <translation>Use the folder's &amp;labels…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="71" />
        <source>Record the labels the folder's profile files already have as decisions (marked: from file)</source>
        <translation>Record the labels the folder's profile files already have as decisions (marked: from file)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="74" />
        <source>Give option %1</source>
        <translation>Give option %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="75" />
        <source>Give the selected photo(s) option %1</source>
        <translation>Give the selected photo(s) option %1</translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="414" />
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="416" />
        <source>A database file, or a team database as postgresql://user@host/dbname (empty: the default file). Used from the next start.</source>
        <translation>A database file, or a team database as postgresql://user@host/dbname (empty: the default file). Used from the next start.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="418" />
        <source>In use now: %1</source>
        <translation>In use now: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="420" />
        <source>path or postgresql:// URL</source>
        <translation>path or postgresql:// URL</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="435" />
        <source>A password in the URL would be stored in plain text: remove it and put it in ~/.pgpass or a PostgreSQL service file (~/.pg_service.conf).</source>
        <translation>A password in the URL would be stored in plain text: remove it and put it in ~/.pgpass or a PostgreSQL service file (~/.pg_service.conf).</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="439" />
        <source>Only a file path or a postgresql:// URL is supported.</source>
        <translation>Only a file path or a postgresql:// URL is supported.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="442" />
        <source>This is not a database URL.</source>
        <translation>This is not a database URL.</translation>
    </message>
</context>
<context>
    <name>DuplicateOfferBar</name>
    <message>
        <location filename="../../emit_gui/ui/duplicates_view.py" line="76" />
        <source>Apply (Ctrl+D)</source>
        <translation>Apply (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/duplicates_view.py" line="77" />
        <source>Not now</source>
        <translation>Not now</translation>
    </message>
</context>
<context>
    <name>DuplicatesPanel</name>
    <message>
        <location filename="../../emit_gui/ui/duplicates_view.py" line="107" />
        <source>Near-duplicates</source>
        <translation>Near-duplicates</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/duplicates_view.py" line="137" />
        <source>(no tag)</source>
        <translation>(no tag)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/duplicates_view.py" line="145" />
        <source>Give “%1” to the right photo</source>
        <translation>Give “%1” to the right photo</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/duplicates_view.py" line="150" />
        <source>Give “%1” to the left photo</source>
        <translation>Give “%1” to the left photo</translation>
    </message>
</context>
<context>
    <name>FindMixin</name>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="192" />
        <source>Loading model…</source>
        <translation>Loading model…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="195" />
        <source>Indexing photos for search…</source>
        <translation>Indexing photos for search…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="196" />
        <location filename="../../emit_gui/ui/find.py" line="327" />
        <source>Looking for near-duplicates…</source>
        <translation>Looking for near-duplicates…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="232" />
        <location filename="../../emit_gui/ui/find.py" line="272" />
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="245" />
        <source>%1 photos that fit “%2” best (labels: %3), best first</source>
        <translation>%1 photos that fit “%2” best (labels: %3), best first</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="263" />
        <source>%1 could not be read</source>
        <translation>%1 could not be read</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="267" />
        <source>Photos most like %1/%2</source>
        <translation>Photos most like %1/%2</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="304" />
        <source>mirrored</source>
        <translation>mirrored</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="306" />
        <source>cropped to %1 × %2</source>
        <translation>cropped to %1 × %2</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="308" />
        <source>resized</source>
        <translation>resized</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="310" />
        <source>a small mark differs</source>
        <translation>a small mark differs</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="312" />
        <source>same picture</source>
        <translation>same picture</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="315" />
        <source>%1 — sure %2; compared at %3 px: fine detail correlation %4, edge pixels differing %5</source>
        <translation>%1 — sure %2; compared at %3 px: fine detail correlation %4, edge pixels differing %5</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="319" />
        <source>%1 — sure %2; grey correlation %3, colour difference %4</source>
        <translation>%1 — sure %2; grey correlation %3, colour difference %4</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="343" />
        <source>%1 near-duplicate pair(s) (%2 inside a product) in %3 group(s); %4 pair(s) carry different decided tags (shown; when none, every pair is shown)</source>
        <translation>%1 near-duplicate pair(s) (%2 inside a product) in %3 group(s); %4 pair(s) carry different decided tags (shown; when none, every pair is shown)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="387" />
        <source>%1 near-duplicate(s) of this photo in this product (%2): give them “%3” too?</source>
        <translation>%1 near-duplicate(s) of this photo in this product (%2): give them “%3” too?</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="407" />
        <source>This model cannot draw heat maps (no 'features' output)</source>
        <translation>This model cannot draw heat maps (no 'features' output)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="408" />
        <source>“%1” has no label the model knows: nothing to show</source>
        <translation>“%1” has no label the model knows: nothing to show</translation>
    </message>
</context>
<context>
    <name>FindPanel</name>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="41" />
        <source>Find photos</source>
        <translation>Find photos</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="47" />
        <source>Photos that look like a tag: 军绿, 黑白条纹, dark blue…</source>
        <translation>Photos that look like a tag: 军绿, 黑白条纹, dark blue…</translation>
    </message>
</context>
<context>
    <name>FolderDialog</name>
    <message>
        <location filename="../../emit_gui/ui/folders.py" line="26" />
        <source>New folder</source>
        <translation>New folder</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="62" />
        <source>not started</source>
        <translation>not started</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="118" />
        <source>Open &amp;recent</source>
        <translation>Open &amp;recent</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="119" />
        <source>&amp;Database…</source>
        <translation>&amp;Database…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="128" />
        <source>Search tags or product ids…</source>
        <translation>Search tags or product ids…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="132" />
        <source>all</source>
        <translation>all</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="132" />
        <source>needs review</source>
        <translation>needs review</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="133" />
        <source>unsure photos %1</source>
        <translation>unsure photos %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="134" />
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="134" />
        <source>lowest confidence</source>
        <translation>lowest confidence</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="135" />
        <source>status</source>
        <translation>status</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="141" />
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="143" />
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="162" />
        <source>Open a folder of products (Ctrl+O) or drop one here.</source>
        <translation>Open a folder of products (Ctrl+O) or drop one here.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="176" />
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="176" />
        <location filename="../../emit_gui/ui/main_window.py" line="853" />
        <source>Discard</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="179" />
        <source>Use them</source>
        <translation>Use them</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="179" />
        <source>Not now</source>
        <translation>Not now</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="219" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="257" />
        <source>Open a folder of products</source>
        <translation>Open a folder of products</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="301" />
        <source>Reading folder…</source>
        <translation>Reading folder…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="311" />
        <source>Indexing photos…</source>
        <translation>Indexing photos…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="335" />
        <source>This folder already has %1 labelled photos. Use them as decisions (marked “from file”; one Ctrl+Z takes them back)?</source>
        <translation>This folder already has %1 labelled photos. Use them as decisions (marked “from file”; one Ctrl+Z takes them back)?</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="458" />
        <source>chosen</source>
        <translation>chosen</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="459" />
        <source>this onnxruntime has no CUDA provider</source>
        <translation>this onnxruntime has no CUDA provider</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="460" />
        <source>no NVIDIA driver found (libcuda)</source>
        <translation>no NVIDIA driver found (libcuda)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="462" />
        <source>no usable NVIDIA GPU or CUDA libraries; CUDA provider fell back</source>
        <translation>no usable NVIDIA GPU or CUDA libraries; CUDA provider fell back</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="463" />
        <source>CUDA results differ from the CPU's; not trusted</source>
        <translation>CUDA results differ from the CPU's; not trusted</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="468" />
        <source>CUDA provider failed to start: %1</source>
        <translation>CUDA provider failed to start: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="470" />
        <source>CUDA run failed: %1</source>
        <translation>CUDA run failed: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="633" />
        <source>No product matches “%1”.</source>
        <translation>No product matches “%1”.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="635" />
        <source>(The list shows only: %1.)</source>
        <translation>(The list shows only: %1.)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="636" />
        <source>Esc in the search box clears the search.</source>
        <translation>Esc in the search box clears the search.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="638" />
        <source>No product in this list: %1.</source>
        <translation>No product in this list: %1.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="742" />
        <source>the labels so far (proposals and decisions) leave an option without a photo</source>
        <translation>the labels so far (proposals and decisions) leave an option without a photo</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="779" />
        <source>Someone else is working on this product: press N for a free one</source>
        <translation>Someone else is working on this product: press N for a free one</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="821" />
        <source>The database is busy: another program is writing to it.</source>
        <translation>The database is busy: another program is writing to it.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="822" />
        <source>The disk is full: the database cannot grow.</source>
        <translation>The disk is full: the database cannot grow.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="823" />
        <source>The database is damaged; close emit-gui and restore its backup.</source>
        <translation>The database is damaged; close emit-gui and restore its backup.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="824" />
        <source>The database cannot be written (read-only file or folder).</source>
        <translation>The database cannot be written (read-only file or folder).</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="825" />
        <source>The database refused the change.</source>
        <translation>The database refused the change.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="835" />
        <source>%1 decision(s) not saved; they are not shown as made. Retry when it is fixed.</source>
        <translation>%1 decision(s) not saved; they are not shown as made. Retry when it is fixed.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="853" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="861" />
        <source>This product has %1 options: there is no option %2</source>
        <translation>This product has %1 options: there is no option %2</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="887" />
        <source>A blind second label is an option or “not an option photo”: “unsure” does not apply</source>
        <translation>A blind second label is an option or “not an option photo”: “unsure” does not apply</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="909" />
        <source>the product has a problem</source>
        <translation>the product has a problem</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="910" />
        <source>This product is flagged (%1). Look at it, or press A again to accept it anyway.</source>
        <translation>This product is flagged (%1). Look at it, or press A again to accept it anyway.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="924" />
        <source>No other product needs review in this list</source>
        <translation>No other product needs review in this list</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="932" />
        <source>This model has no measured 99.5%-precision point: accept photos one by one.</source>
        <translation>This model has no measured 99.5%-precision point: accept photos one by one.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="943" />
        <source>Left out: flagged products (%1).</source>
        <translation>Left out: flagged products (%1).</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="945" />
        <source>No photo in this list is sure enough to accept unseen</source>
        <translation>No photo in this list is sure enough to accept unseen</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="949" />
        <source>Accept sure photos</source>
        <translation>Accept sure photos</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="950" />
        <source>Accept %1 photos in %2 products without looking? Their confidence is at least %3, where the model was right 99.5% of the time on photos it never saw. One Ctrl+Z takes them all back.</source>
        <translation>Accept %1 photos in %2 products without looking? Their confidence is at least %3, where the model was right 99.5% of the time on photos it never saw. One Ctrl+Z takes them all back.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="962" />
        <source>Accepted %1 sure photos in %2 products; one Ctrl+Z takes them back</source>
        <translation>Accepted %1 sure photos in %2 products; one Ctrl+Z takes them back</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="991" />
        <source>A blind second label has no note: the product's note stays the first labeler's</source>
        <translation>A blind second label has no note: the product's note stays the first labeler's</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1009" />
        <source>The note was not saved.</source>
        <translation>The note was not saved.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1018" />
        <source>On a team database the lead decides whether the folder's own labels are used</source>
        <translation>On a team database the lead decides whether the folder's own labels are used</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1033" />
        <source>Recorded %1 labels from the folder's files</source>
        <translation>Recorded %1 labels from the folder's files</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1061" />
        <source>Blind labels have no undo: give the photo another option to change its label</source>
        <translation>Blind labels have no undo: give the photo another option to change its label</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1077" />
        <source>Nothing changed: those photos were decided again since</source>
        <translation>Nothing changed: those photos were decided again since</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1087" />
        <source>Nothing was undone.</source>
        <translation>Nothing was undone.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1157" />
        <source>not an option photo</source>
        <translation>not an option photo</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1159" />
        <source>decided: %1</source>
        <translation>decided: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1161" />
        <source>proposed: %1 (%2)</source>
        <translation>proposed: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1163" />
        <source>no proposal yet</source>
        <translation>no proposal yet</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1279" />
        <source>Exported %1 labelled photos to %2: %3 decided here, %4 the folder's own labels (not reviewed)</source>
        <translation>Exported %1 labelled photos to %2: %3 decided here, %4 the folder's own labels (not reviewed)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1282" />
        <source>%1 marked unsure, exported without a label</source>
        <translation>%1 marked unsure, exported without a label</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1284" />
        <source>%1 left out: unreadable, or their product has no options</source>
        <translation>%1 left out: unreadable, or their product has no options</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="405" />
        <source>Loading model…</source>
        <translation>Loading model…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="132" />
        <source>flagged ⚠</source>
        <translation>flagged ⚠</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="133" />
        <source>problems ✖</source>
        <translation>problems ✖</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="133" />
        <source>reviewed ✓</source>
        <translation>reviewed ✓</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="411" />
        <source>Proposing…</source>
        <translation>Proposing…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="441" />
        <source>Proposals failed: %1</source>
        <translation>Proposals failed: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="508" />
        <source>not needed (stored proposals)</source>
        <translation>not needed (stored proposals)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="552" />
        <source>%1 s left</source>
        <translation>%1 s left</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="698" />
        <source>%1 — %2 photos, %3 options</source>
        <translation>%1 — %2 photos, %3 options</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="705" />
        <source>Note: %1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="741" />
        <source>fewer readable photos than options: full cover impossible</source>
        <translation>fewer readable photos than options: full cover impossible</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="743" />
        <source>the ensemble members disagree</source>
        <translation>the ensemble members disagree</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="744" />
        <source>the decisions leave an option without a photo</source>
        <translation>the decisions leave an option without a photo</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="745" />
        <source>a photo is marked unsure</source>
        <translation>a photo is marked unsure</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="776" />
        <source>Still indexing the folder; try again in a moment</source>
        <translation>Still indexing the folder; try again in a moment</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="940" />
        <source>Left out: products other labelers hold (%1).</source>
        <translation>Left out: products other labelers hold (%1).</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="969" />
        <source>Accepted %1 sure photos; left out: products other labelers hold (%2)</source>
        <translation>Accepted %1 sure photos; left out: products other labelers hold (%2)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1176" />
        <source>reviewed %1 / %2 photos</source>
        <translation>reviewed %1 / %2 photos</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1178" />
        <source>accepted unchanged %1</source>
        <translation>accepted unchanged %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1179" />
        <source>model: %1</source>
        <translation>model: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1180" />
        <source>inference: %1</source>
        <translation>inference: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1228" />
        <source>The active model %1 cannot be used; the bundled default model is used instead.</source>
        <translation>The active model %1 cannot be used; the bundled default model is used instead.</translation>
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
        <translation>active version</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1235" />
        <source>bundled default</source>
        <translation>bundled default</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1253" />
        <source>The new model %1 is active, but $EMIT_GUI_MODEL chooses the model in use: unset it to use the new one.</source>
        <translation>The new model %1 is active, but $EMIT_GUI_MODEL chooses the model in use: unset it to use the new one.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="1270" />
        <source>Export decisions to folder</source>
        <translation>Export decisions to folder</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../emit_gui/ui/note.py" line="17" />
        <source>Product note</source>
        <translation>Product note</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/note.py" line="19" />
        <source>Note on %1:</source>
        <translation>Note on %1:</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/note.py" line="24" />
        <source>Ctrl+Enter saves; Escape leaves the note as it was.</source>
        <translation>Ctrl+Enter saves; Escape leaves the note as it was.</translation>
    </message>
</context>
<context>
    <name>OptionChooser</name>
    <message>
        <location filename="../../emit_gui/ui/chooser.py" line="14" />
        <source>Choose option</source>
        <translation>Choose option</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/chooser.py" line="18" />
        <source>Type part of the option, Enter gives it</source>
        <translation>Type part of the option, Enter gives it</translation>
    </message>
</context>
<context>
    <name>PhotoDelegate</name>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="163" />
        <source>saving…</source>
        <translation>saving…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="166" />
        <source>not an option</source>
        <translation>not an option</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="173" />
        <source>(file)</source>
        <translation>(file)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="181" />
        <source>unsure</source>
        <translation>unsure</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="196" />
        <source>model: %1</source>
        <translation>model: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="200" />
        <source>2nd: %1</source>
        <translation>2nd: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="201" />
        <source>votes: %1</source>
        <translation>votes: %1</translation>
    </message>
</context>
<context>
    <name>PhotoModel</name>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="77" />
        <source>problem: %1</source>
        <translation>problem: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="80" />
        <source>proposed: %1 (%2)</source>
        <translation>proposed: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="82" />
        <source>runner-up: %1 (%2)</source>
        <translation>runner-up: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="83" />
        <source>member votes: %1</source>
        <translation>member votes: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="85" />
        <location filename="../../emit_gui/ui/photo_grid.py" line="103" />
        <source>not an option photo</source>
        <translation>not an option photo</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="87" />
        <source>marked unsure: look again</source>
        <translation>marked unsure: look again</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="89" />
        <source>decided: %1 (%2)</source>
        <translation>decided: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="91" />
        <source>the folder's label: %1</source>
        <translation>the folder's label: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="98" />
        <source>accepted</source>
        <translation>accepted</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="99" />
        <source>accepted unseen (sure)</source>
        <translation>accepted unseen (sure)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="100" />
        <source>corrected</source>
        <translation>corrected</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="101" />
        <source>from file</source>
        <translation>from file</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/photo_grid.py" line="102" />
        <source>unsure</source>
        <translation>unsure</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="28" />
        <source>not an image file</source>
        <translation>not an image file</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="29" />
        <source>photo not found</source>
        <translation>photo not found</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="30" />
        <source>photo cannot be read</source>
        <translation>photo cannot be read</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="31" />
        <source>photo file is empty</source>
        <translation>photo file is empty</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="32" />
        <source>photo is damaged</source>
        <translation>photo is damaged</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="33" />
        <source>photo is cut short</source>
        <translation>photo is cut short</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="34" />
        <source>not an image</source>
        <translation>not an image</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="35" />
        <source>photo is too large</source>
        <translation>photo is too large</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="36" />
        <source>photo's metadata is oversized</source>
        <translation>photo's metadata is oversized</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="37" />
        <location filename="../../emit_gui/ui/text.py" line="57" />
        <source>link leads outside the folder</source>
        <translation>link leads outside the folder</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="38" />
        <source>unsafe photo name</source>
        <translation>unsafe photo name</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="39" />
        <source>photo listed twice</source>
        <translation>photo listed twice</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="40" />
        <source>no profile file</source>
        <translation>no profile file</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="41" />
        <source>profile file cannot be read</source>
        <translation>profile file cannot be read</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="42" />
        <source>profile file is malformed</source>
        <translation>profile file is malformed</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="43" />
        <source>profile file is not UTF-8</source>
        <translation>profile file is not UTF-8</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="44" />
        <source>profile file has the wrong layout</source>
        <translation>profile file has the wrong layout</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="45" />
        <source>no option tags</source>
        <translation>no option tags</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="46" />
        <source>an option tag is not text</source>
        <translation>an option tag is not text</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="47" />
        <source>an option tag is empty</source>
        <translation>an option tag is empty</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="48" />
        <source>an option tag is listed twice</source>
        <translation>an option tag is listed twice</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="49" />
        <source>two option tags look the same</source>
        <translation>two option tags look the same</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="50" />
        <source>an option tag is not valid text</source>
        <translation>an option tag is not valid text</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="51" />
        <source>a label is not an option</source>
        <translation>a label is not an option</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="52" />
        <source>only one option</source>
        <translation>only one option</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="53" />
        <source>no photos</source>
        <translation>no photos</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="54" />
        <source>fewer photos than options: full cover is impossible</source>
        <translation>fewer photos than options: full cover is impossible</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="55" />
        <source>the labels leave an option without a photo</source>
        <translation>the labels leave an option without a photo</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="56" />
        <source>product folder cannot be read</source>
        <translation>product folder cannot be read</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="58" />
        <source>link loops</source>
        <translation>link loops</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="59" />
        <source>broken link</source>
        <translation>broken link</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="60" />
        <source>not a product</source>
        <translation>not a product</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/text.py" line="61" />
        <source>no products</source>
        <translation>no products</translation>
    </message>
</context>
<context>
    <name>ProductListModel</name>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="115" />
        <source>%1 photos, %2 options</source>
        <translation>%1 photos, %2 options</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="121" />
        <source>held by %1</source>
        <translation>held by %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="127" />
        <source>problem</source>
        <translation>problem</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="127" />
        <source>flagged</source>
        <translation>flagged</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="127" />
        <source>to review</source>
        <translation>to review</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="128" />
        <source>waiting for proposals</source>
        <translation>waiting for proposals</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="128" />
        <source>reviewed</source>
        <translation>reviewed</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="131" />
        <source>photos marked unsure, to look at again</source>
        <translation>photos marked unsure, to look at again</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="138" />
        <source>options: %1</source>
        <translation>options: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="141" />
        <source>%1 photo(s) marked unsure</source>
        <translation>%1 photo(s) marked unsure</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="144" />
        <source>lowest confidence %1</source>
        <translation>lowest confidence %1</translation>
    </message>
</context>
<context>
    <name>RetrainController</name>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="83" />
        <location filename="../../emit_gui/ui/retrain.py" line="231" />
        <source>Retraining: reading your decisions…</source>
        <translation>Retraining: reading your decisions…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="130" />
        <source>Retraining could not start: %1</source>
        <translation>Retraining could not start: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="143" />
        <source>Retraining cancelled; the model in use is unchanged.</source>
        <translation>Retraining cancelled; the model in use is unchanged.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="151" />
        <source>Retraining stopped unexpectedly (exit code %1). %2</source>
        <translation>Retraining stopped unexpectedly (exit code %1). %2</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="165" />
        <location filename="../../emit_gui/ui/retrain.py" line="241" />
        <location filename="../../emit_gui/ui/retrain.py" line="311" />
        <source>Retraining failed.</source>
        <translation>Retraining failed.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="177" />
        <location filename="../../emit_gui/ui/retrain.py" line="219" />
        <source>The new model %1 is now in use.</source>
        <translation>The new model %1 is now in use.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="190" />
        <source>Retrain</source>
        <translation>Retrain</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="195" />
        <source>Use the new model</source>
        <translation>Use the new model</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="196" />
        <source>Keep the current model</source>
        <translation>Keep the current model</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="201" />
        <source>The new model %1 was kept aside; the model in use is unchanged.</source>
        <translation>The new model %1 was kept aside; the model in use is unchanged.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="203" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="217" />
        <source>The new model could not be used: %1</source>
        <translation>The new model could not be used: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="226" />
        <source>Retraining: learning from your decisions (%1)</source>
        <translation>Retraining: learning from your decisions (%1)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="228" />
        <source>Retraining: comparing the new model with the one in use (%1)</source>
        <translation>Retraining: comparing the new model with the one in use (%1)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="230" />
        <source>Retraining: saving the new model…</source>
        <translation>Retraining: saving the new model…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="236" />
        <source>Retraining done: a new model is ready.</source>
        <translation>Retraining done: a new model is ready.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="238" />
        <source>Retraining done: the new model is in use.</source>
        <translation>Retraining done: the new model is in use.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="240" />
        <source>Retraining done: the model in use is unchanged.</source>
        <translation>Retraining done: the model in use is unchanged.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="246" />
        <source>Your newest decisions, kept out of the learning (%1 photos, %2 products)</source>
        <translation>Your newest decisions, kept out of the learning (%1 photos, %2 products)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="248" />
        <source>The model's own test products (%1 photos, %2 products, tags from %3)</source>
        <translation>The model's own test products (%1 photos, %2 products, tags from %3)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="253" />
        <source>%1: photos right %2 → %3 (%4 → %5); products fully right %6 → %7.</source>
        <translation>%1: photos right %2 → %3 (%4 → %5); products fully right %6 → %7.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="260" />
        <source>%1 product(s) become fully right.</source>
        <translation>%1 product(s) become fully right.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="262" />
        <source>%1 product(s) are no longer fully right.</source>
        <translation>%1 product(s) are no longer fully right.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="270" />
        <source>The new model was compared with the model in use (%1).</source>
        <translation>The new model was compared with the model in use (%1).</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="272" />
        <source>Gets better:</source>
        <translation>Gets better:</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="272" />
        <source>Gets worse:</source>
        <translation>Gets worse:</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="273" />
        <source>About the same (within half a point):</source>
        <translation>About the same (within half a point):</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="279" />
        <source>It learned new tag words: %1.</source>
        <translation>It learned new tag words: %1.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="281" />
        <source>The model's own test products were not found, so only your newest decisions were compared. To compare on them too, retrain from a terminal with "emit-gui retrain --base FOLDER", FOLDER being the products the model was trained on.</source>
        <translation>The model's own test products were not found, so only your newest decisions were compared. To compare on them too, retrain from a terminal with "emit-gui retrain --base FOLDER", FOLDER being the products the model was trained on.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="286" />
        <source>Use the new model?</source>
        <translation>Use the new model?</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="293" />
        <source>The new model was not used: it is worse than the model in use.</source>
        <translation>The new model was not used: it is worse than the model in use.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="295" />
        <source>The model in use is unchanged.</source>
        <translation>The model in use is unchanged.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="297" />
        <source>Not enough decisions to retrain yet: there are %1, and retraining needs at least %2 (%3 to check the new model fairly, the rest to learn from). Review more photos, then try again.</source>
        <translation>Not enough decisions to retrain yet: there are %1, and retraining needs at least %2 (%3 to check the new model fairly, the rest to learn from). Review more photos, then try again.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="303" />
        <source>Your decisions cover only %1 products. To check a new model fairly, retraining needs decisions on at least %2 products. Review photos of more products, then try again.</source>
        <translation>Your decisions cover only %1 products. To check a new model fairly, retraining needs decisions on at least %2 products. Review photos of more products, then try again.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="308" />
        <source>Retraining needs the trainer (PyTorch), which this installation does not have yet. Run emit-gui-setup-trainer once, then try again.</source>
        <translation>Retraining needs the trainer (PyTorch), which this installation does not have yet. Run emit-gui-setup-trainer once, then try again.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/retrain.py" line="311" />
        <source>Retraining failed: %1</source>
        <translation>Retraining failed: %1</translation>
    </message>
</context>
<context>
    <name>TagBar</name>
    <message>
        <location filename="../../emit_gui/ui/tag_bar.py" line="59" />
        <source>+%1 more (O)</source>
        <translation>+%1 more (O)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/tag_bar.py" line="126" />
        <source>Key %1 gives the selected photos this option</source>
        <translation>Key %1 gives the selected photos this option</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/tag_bar.py" line="127" />
        <source>Click gives the selected photos this option</source>
        <translation>Click gives the selected photos this option</translation>
    </message>
</context>
<context>
    <name>TeamController</name>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="57" />
        <source>Seen</source>
        <translation>Seen</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="58" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="189" />
        <source>No free product left in this list: the team holds or has finished the others (change the list's filter or search for more)</source>
        <translation>No free product left in this list: the team holds or has finished the others (change the list's filter or search for more)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="247" />
        <source>blind second label: the first labeler's decisions and the model's proposals are hidden</source>
        <translation>blind second label: the first labeler's decisions and the model's proposals are hidden</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="253" />
        <source>Held by %1: this product is shown read-only while they work on it.</source>
        <translation>Held by %1: this product is shown read-only while they work on it.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="260" />
        <source>Your hold on this product expired and %1 took it over while you were away: every decision you made is kept; the product is read-only now. Press N for a free product.</source>
        <translation>Your hold on this product expired and %1 took it over while you were away: every decision you made is kept; the product is read-only now. Press N for a free product.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="263" />
        <source>Your hold on this product expired and someone else took it: your decisions so far are kept; press N for a free product.</source>
        <translation>Your hold on this product expired and someone else took it: your decisions so far are kept; press N for a free product.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="354" />
        <source>%1: %2 → %3 by %4</source>
        <translation>%1: %2 → %3 by %4</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="360" />
        <source>A reviewer corrected %1 of your photos:</source>
        <translation>A reviewer corrected %1 of your photos:</translation>
    </message>
</context>
<context>
    <name>ZoomDialog</name>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="40" />
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="75" />
        <source>No heat map: the photo has no tag yet, or the model cannot explain</source>
        <translation>No heat map: the photo has no tag yet, or the model cannot explain</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="84" />
        <source>Computing where the model sees “%1”…</source>
        <translation>Computing where the model sees “%1”…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="104" />
        <source>colour evidence</source>
        <translation>colour evidence</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="104" />
        <source>colour and shape evidence</source>
        <translation>colour and shape evidence</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="105" />
        <source>Heat map of “%1” (%2): red is where the model sees it most. H toggles, Shift+H adds shape evidence</source>
        <translation>Heat map of “%1” (%2): red is where the model sees it most. H toggles, Shift+H adds shape evidence</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="128" />
        <source>%1 × %2 px — wheel or +/− to zoom, drag to pan, Esc to close</source>
        <translation>%1 × %2 px — wheel or +/− to zoom, drag to pan, Esc to close</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../emit_gui/ui/team.py" line="452" />
        <source>The database setting is saved: it is used at the next start.</source>
        <translation>The database setting is saved: it is used at the next start.</translation>
    </message>
</context>
</TS>