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
        <location filename="../../emit_gui/ui/actions.py" line="48" />
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
        <location filename="../../emit_gui/ui/actions.py" line="44" />
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
        <source>&amp;Model</source>
        <translation>&amp;Model</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="42" />
        <source>&amp;Retrain on decisions…</source>
        <translation>&amp;Retrain on decisions…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="43" />
        <source>Fine-tune the model on every decision so far; it is used only if it is better</source>
        <translation>Fine-tune the model on every decision so far; it is used only if it is better</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="44" />
        <source>&amp;Cancel background work</source>
        <translation>&amp;Cancel background work</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="45" />
        <source>Stop loading or proposing</source>
        <translation>Stop loading or proposing</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="48" />
        <source>Give option %1</source>
        <translation>Give option %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/actions.py" line="49" />
        <source>Give the selected photo(s) option %1</source>
        <translation>Give the selected photo(s) option %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="99" />
        <source>not started</source>
        <translation>not started</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="119" />
        <source>Open &amp;recent</source>
        <translation>Open &amp;recent</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="141" />
        <source>Search tags or product ids…</source>
        <translation>Search tags or product ids…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="145" />
        <source>all</source>
        <translation>all</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="145" />
        <source>needs review</source>
        <translation>needs review</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="145" />
        <source>flagged</source>
        <translation>flagged</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="146" />
        <source>problems</source>
        <translation>problems</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="146" />
        <source>reviewed</source>
        <translation>reviewed</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="147" />
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="147" />
        <source>lowest confidence</source>
        <translation>lowest confidence</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="148" />
        <source>status</source>
        <translation>status</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="154" />
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="156" />
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="168" />
        <source>Open a folder of products (Ctrl+O) or drop one here.</source>
        <translation>Open a folder of products (Ctrl+O) or drop one here.</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="198" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="217" />
        <source>Open a folder of products</source>
        <translation>Open a folder of products</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="242" />
        <source>Reading folder…</source>
        <translation>Reading folder…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="245" />
        <source>Indexing photos…</source>
        <translation>Indexing photos…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="275" />
        <source>earlier decision</source>
        <translation>earlier decision</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="290" />
        <source>Loading model…</source>
        <translation>Loading model…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="299" />
        <source>Proposing…</source>
        <translation>Proposing…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="312" />
        <source>Proposals failed: %1</source>
        <translation>Proposals failed: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="346" />
        <source>%1 s left</source>
        <translation>%1 s left</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="413" />
        <source>%1 — %2 photos, %3 options</source>
        <translation>%1 — %2 photos, %3 options</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="440" />
        <source>Still indexing the folder; try again in a moment</source>
        <translation>Still indexing the folder; try again in a moment</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="452" />
        <source>give %1</source>
        <translation>give %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="464" />
        <source>accept</source>
        <translation>accept</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="471" />
        <source>accept product</source>
        <translation>accept product</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="514" />
        <source>reviewed %1 / %2 photos</source>
        <translation>reviewed %1 / %2 photos</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="516" />
        <source>accepted unchanged %1</source>
        <translation>accepted unchanged %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="517" />
        <source>model: %1</source>
        <translation>model: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="518" />
        <source>inference: %1</source>
        <translation>inference: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="540" />
        <source>Retraining: %1</source>
        <translation>Retraining: %1</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="550" />
        <source>Retrain</source>
        <translation>Retrain</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="570" />
        <source>Export decisions to folder</source>
        <translation>Export decisions to folder</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/main_window.py" line="580" />
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
        <location filename="../../emit_gui/ui/main_window.py" line="80" />
        <source>Key %1 gives the selected photos this option</source>
        <translation>Key %1 gives the selected photos this option</translation>
    </message>
</context>
<context>
    <name>ZoomDialog</name>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="31" />
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../emit_gui/ui/zoom.py" line="55" />
        <source>%1 × %2 px — wheel or +/− to zoom, drag to pan, Esc to close</source>
        <translation>%1 × %2 px — wheel or +/− to zoom, drag to pan, Esc to close</translation>
    </message>
</context>
</TS>