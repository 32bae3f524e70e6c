<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>ErrorDialog</name>
    <message numerus="yes">
        <location filename="../reader/ui/crash.py"/>
        <source>This has happened %n time(s) in this session.</source>
        <translation>
            <numerusform>This has happened %n time in this session.</numerusform>
            <numerusform>This has happened %n times in this session.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GlossaryController</name>
    <message numerus="yes">
        <location filename="../reader/ui/glossary_popup.py"/>
        <source>Some glossary entries could not be used (%n problem(s)); the Glossary panel lists them.</source>
        <translation>
            <numerusform>Some glossary entries could not be used (%n problem); the Glossary panel lists them.</numerusform>
            <numerusform>Some glossary entries could not be used (%n problems); the Glossary panel lists them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GlossaryPanel</name>
    <message numerus="yes">
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>%n problem(s) in glossary files</source>
        <translation>
            <numerusform>%n problem in glossary files</numerusform>
            <numerusform>%n problems in glossary files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../reader/ui/main_window.py"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../reader/ui/main_window.py"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message numerus="yes">
        <location filename="../reader/ui/search_panel.py"/>
        <source>%n version(s) indexed</source>
        <translation>
            <numerusform>%n version indexed</numerusform>
            <numerusform>%n versions indexed</numerusform>
        </translation>
    </message>
</context>
</TS>
