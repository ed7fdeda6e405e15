<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="25" />
        <location filename="../../emit_gui/ui/actions.py" line="26" />
        <location filename="../../emit_gui/ui/actions.py" line="28" />
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="25" />
        <source>&amp;Open folder…</source>
        <translation>&amp;Open folder…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="25" />
        <source>Open a folder of products</source>
        <translation>Open a folder of products</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="26" />
        <source>&amp;Export decisions…</source>
        <translation>&amp;Export decisions…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="27" />
        <source>Write the decided labels in the EMIT layout</source>
        <translation>Write the decided labels in the EMIT layout</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="28" />
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="28" />
        <source>Close emit-gui</source>
        <translation>Close emit-gui</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="29" />
        <location filename="../../emit_gui/ui/actions.py" line="30" />
        <location filename="../../emit_gui/ui/actions.py" line="31" />
        <location filename="../../emit_gui/ui/actions.py" line="41" />
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="29" />
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="29" />
        <source>Undo the last decision, even from before a restart</source>
        <translation>Undo the last decision, even from before a restart</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="30" />
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="30" />
        <source>Redo</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="31" />
        <source>&amp;Search tags</source>
        <translation>&amp;Search tags</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="31" />
        <source>Search products by tag</source>
        <translation>Search products by tag</translation>
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
        <translation>&amp;Review</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="32" />
        <source>&amp;Accept proposal</source>
        <translation>&amp;Accept proposal</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="33" />
        <source>Accept the proposed tag of the selected photo(s) and move on</source>
        <translation>Accept the proposed tag of the selected photo(s) and move on</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="34" />
        <source>Accept &amp;product and go to next</source>
        <translation>Accept &amp;product and go to next</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="35" />
        <source>Accept every photo of this product and open the next product needing review</source>
        <translation>Accept every photo of this product and open the next product needing review</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="36" />
        <source>&amp;Next product</source>
        <translation>&amp;Next product</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="36" />
        <source>Next product</source>
        <translation>Next product</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="37" />
        <source>&amp;Previous product</source>
        <translation>&amp;Previous product</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="37" />
        <source>Previous product</source>
        <translation>Previous product</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="38" />
        <location filename="../../emit_gui/ui/actions.py" line="39" />
        <location filename="../../emit_gui/ui/actions.py" line="43" />
        <location filename="../../emit_gui/ui/actions.py" line="45" />
        <location filename="../../emit_gui/ui/actions.py" line="54" />
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="38" />
        <source>&amp;Zoom photo</source>
        <translation>&amp;Zoom photo</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="38" />
        <source>Open the selected photo large</source>
        <translation>Open the selected photo large</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="39" />
        <source>Show runner-up and &amp;votes</source>
        <translation>Show runner-up and &amp;votes</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="40" />
        <source>Show each photo's runner-up tag and the members' votes</source>
        <translation>Show each photo's runner-up tag and the members' votes</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="41" />
        <source>Find &amp;photos by tag…</source>
        <translation>Find &amp;photos by tag…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="42" />
        <source>Rank every photo of the folder by how well it fits a tag-like text</source>
        <translation>Rank every photo of the folder by how well it fits a tag-like text</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="43" />
        <source>Photos &amp;like this one</source>
        <translation>Photos &amp;like this one</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="44" />
        <source>Find the photos of the folder that look most like the selected one</source>
        <translation>Find the photos of the folder that look most like the selected one</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="45" />
        <source>&amp;Heat map of the tag</source>
        <translation>&amp;Heat map of the tag</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="46" />
        <source>Open the photo large with a heat map of where the model sees its tag</source>
        <translation>Open the photo large with a heat map of where the model sees its tag</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="47" />
        <source>Check &amp;duplicates</source>
        <translation>Check &amp;duplicates</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="48" />
        <source>List near-duplicate photos whose tags disagree</source>
        <translation>List near-duplicate photos whose tags disagree</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="49" />
        <source>Apply decision to d&amp;uplicates</source>
        <translation>Apply decision to d&amp;uplicates</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="50" />
        <source>Give the last decided tag to the near-duplicates of that photo in this product</source>
        <translation>Give the last decided tag to the near-duplicates of that photo in this product</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="51" />
        <source>&amp;Model</source>
        <translation>&amp;Model</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="52" />
        <source>&amp;Retrain on decisions…</source>
        <translation>&amp;Retrain on decisions…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="53" />
        <source>Fine-tune the model on every decision so far; it is used only if it is better</source>
        <translation>Fine-tune the model on every decision so far; it is used only if it is better</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="54" />
        <source>&amp;Cancel background work</source>
        <translation>&amp;Cancel background work</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="55" />
        <source>Stop loading or proposing</source>
        <translation>Stop loading or proposing</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="58" />
        <source>Give option %1</source>
        <translation>Give option %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="59" />
        <source>Give the selected photo(s) option %1</source>
        <translation>Give the selected photo(s) option %1</translation>
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
        <location filename="../../emit_gui/ui/find.py" line="155" />
        <source>Loading model…</source>
        <translation>Loading model…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="158" />
        <source>Indexing photos for search…</source>
        <translation>Indexing photos for search…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="159" />
        <location filename="../../emit_gui/ui/find.py" line="284" />
        <source>Looking for near-duplicates…</source>
        <translation>Looking for near-duplicates…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="195" />
        <location filename="../../emit_gui/ui/find.py" line="235" />
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="208" />
        <source>%1 photos that fit “%2” best (labels: %3), best first</source>
        <translation>%1 photos that fit “%2” best (labels: %3), best first</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="226" />
        <source>%1 could not be read</source>
        <translation>%1 could not be read</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="230" />
        <source>Photos most like %1/%2</source>
        <translation>Photos most like %1/%2</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="267" />
        <source>mirrored</source>
        <translation>mirrored</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="269" />
        <source>cropped to %1 × %2</source>
        <translation>cropped to %1 × %2</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="271" />
        <source>resized</source>
        <translation>resized</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="273" />
        <source>a small mark differs</source>
        <translation>a small mark differs</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="275" />
        <source>same picture</source>
        <translation>same picture</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="276" />
        <source>%1 — sure %2; grey correlation %3, colour difference %4</source>
        <translation>%1 — sure %2; grey correlation %3, colour difference %4</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="300" />
        <source>%1 near-duplicate pair(s) (%2 inside a product) in %3 group(s); %4 pair(s) carry different decided tags (shown; when none, every pair is shown)</source>
        <translation>%1 near-duplicate pair(s) (%2 inside a product) in %3 group(s); %4 pair(s) carry different decided tags (shown; when none, every pair is shown)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="311" />
        <source>give %1 to a duplicate</source>
        <translation>give %1 to a duplicate</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="345" />
        <source>%1 near-duplicate(s) of this photo in this product (%2): give them “%3” too?</source>
        <translation>%1 near-duplicate(s) of this photo in this product (%2): give them “%3” too?</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="354" />
        <source>give %1 to duplicates</source>
        <translation>give %1 to duplicates</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="373" />
        <source>This model cannot draw heat maps (no 'features' output)</source>
        <translation>This model cannot draw heat maps (no 'features' output)</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="376" />
        <source>“%1” has no label the model knows: nothing to show</source>
        <translation>“%1” has no label the model knows: nothing to show</translation>
    </message>
</context>
<context>
    <name>FindPanel</name>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="33" />
        <source>Find photos</source>
        <translation>Find photos</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/find.py" line="39" />
        <source>Photos that look like a tag: 军绿, 黑白条纹, dark blue…</source>
        <translation>Photos that look like a tag: 军绿, 黑白条纹, dark blue…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="171" />
        <source>not started</source>
        <translation>not started</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="191" />
        <source>Open &amp;recent</source>
        <translation>Open &amp;recent</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="215" />
        <source>Search tags or product ids…</source>
        <translation>Search tags or product ids…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="219" />
        <source>all</source>
        <translation>all</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="219" />
        <source>needs review</source>
        <translation>needs review</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="219" />
        <source>flagged</source>
        <translation>flagged</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="220" />
        <source>problems</source>
        <translation>problems</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="220" />
        <source>reviewed</source>
        <translation>reviewed</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="221" />
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="221" />
        <source>lowest confidence</source>
        <translation>lowest confidence</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="222" />
        <source>status</source>
        <translation>status</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="228" />
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="230" />
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="242" />
        <source>Open a folder of products (Ctrl+O) or drop one here.</source>
        <translation>Open a folder of products (Ctrl+O) or drop one here.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="273" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="292" />
        <source>Open a folder of products</source>
        <translation>Open a folder of products</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="330" />
        <source>Reading folder…</source>
        <translation>Reading folder…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="340" />
        <source>Indexing photos…</source>
        <translation>Indexing photos…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="384" />
        <source>earlier decision</source>
        <translation>earlier decision</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="399" />
        <source>Loading model…</source>
        <translation>Loading model…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="405" />
        <source>Proposing…</source>
        <translation>Proposing…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="426" />
        <source>Proposals failed: %1</source>
        <translation>Proposals failed: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="464" />
        <source>%1 s left</source>
        <translation>%1 s left</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="535" />
        <source>%1 — %2 photos, %3 options</source>
        <translation>%1 — %2 photos, %3 options</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="562" />
        <source>Still indexing the folder; try again in a moment</source>
        <translation>Still indexing the folder; try again in a moment</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="574" />
        <source>give %1</source>
        <translation>give %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="587" />
        <source>accept</source>
        <translation>accept</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="596" />
        <source>accept product</source>
        <translation>accept product</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="641" />
        <source>reviewed %1 / %2 photos</source>
        <translation>reviewed %1 / %2 photos</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="643" />
        <source>accepted unchanged %1</source>
        <translation>accepted unchanged %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="644" />
        <source>model: %1</source>
        <translation>model: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="645" />
        <source>inference: %1</source>
        <translation>inference: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="667" />
        <source>Retraining: %1</source>
        <translation>Retraining: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="677" />
        <source>Retrain</source>
        <translation>Retrain</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="698" />
        <source>Export decisions to folder</source>
        <translation>Export decisions to folder</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="706" />
        <source>Exported %1 decided photos to %2</source>
        <translation>Exported %1 decided photos to %2</translation>
    </message>
</context>
<context>
    <name>ProductListModel</name>
    <message>
        <location filename="../../emit_gui/ui/models.py" line="100" />
        <source>%1 photos, %2 options</source>
        <translation>%1 photos, %2 options</translation>
    </message>
</context>
<context>
    <name>TagBar</name>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="150" />
        <source>Key %1 gives the selected photos this option</source>
        <translation>Key %1 gives the selected photos this option</translation>
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
        <location filename="../../emit_gui/ui/zoom.py" line="58" />
        <source>No heat map: the photo has no tag yet, or the model cannot explain</source>
        <translation>No heat map: the photo has no tag yet, or the model cannot explain</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="67" />
        <source>Computing where the model sees “%1”…</source>
        <translation>Computing where the model sees “%1”…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="87" />
        <source>colour evidence</source>
        <translation>colour evidence</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="87" />
        <source>colour and shape evidence</source>
        <translation>colour and shape evidence</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="88" />
        <source>Heat map of “%1” (%2): red is where the model sees it most. H toggles, Shift+H adds shape evidence</source>
        <translation>Heat map of “%1” (%2): red is where the model sees it most. H toggles, Shift+H adds shape evidence</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="111" />
        <source>%1 × %2 px — wheel or +/− to zoom, drag to pan, Esc to close</source>
        <translation>%1 × %2 px — wheel or +/− to zoom, drag to pan, Esc to close</translation>
    </message>
</context>
</TS>