<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en_US">
<context>
    <name>Citation</name>
    <message>
        <location filename="../reader/ui/citation.py"/>
        <source>paragraph {number}</source>
        <translation>párrafo {number}</translation>
    </message>
    <message>
        <location filename="../reader/ui/citation.py"/>
        <source>{title} ({language})</source>
        <translation>{title} ({language})</translation>
    </message>
</context>
<context>
    <name>Comfort</name>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>&amp;Dark</source>
        <translation>&amp;Oscuro</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>&amp;Export as PDF…</source>
        <translation>&amp;Exportar como PDF…</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>&amp;Reset Zoom</source>
        <translation>&amp;Restablecer el zoom</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>As Wide as the Window</source>
        <translation>Tan ancho como la ventana</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>Citation copied.</source>
        <translation>Cita copiada.</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>Copy &amp;Citation</source>
        <translation>Copiar &amp;cita</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>Copy the current paragraph with its title and anchor</source>
        <translation>Copiar el párrafo actual con su título y su ancla</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>Could not write {path}: {reason}</source>
        <translation>No se pudo escribir {path}: {reason}</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>Default Reading Font</source>
        <translation>Tipo de letra de lectura predeterminado</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>Export as PDF</source>
        <translation>Exportar como PDF</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>Follow the &amp;System</source>
        <translation>Según el &amp;sistema</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>Line &amp;Width</source>
        <translation>Anc&amp;ho de línea</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>Next &amp;Panel</source>
        <translation>&amp;Panel siguiente</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>Open a document first.</source>
        <translation>Abra antes un documento.</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>PDF not saved</source>
        <translation>No se guardó el PDF</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>Previous Panel</source>
        <translation>Panel anterior</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>Print Document</source>
        <translation>Imprimir el documento</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>Reading &amp;Font…</source>
        <translation>Tipo de &amp;letra de lectura…</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>Reading Font</source>
        <translation>Tipo de letra de lectura</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>Saved {path}</source>
        <translation>Guardado en {path}</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>Zoom &amp;In</source>
        <translation>&amp;Ampliar</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>Zoom &amp;Out</source>
        <translation>&amp;Reducir</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>Zoom {percent}%</source>
        <translation>Zoom {percent} %</translation>
    </message>
    <message>
        <location filename="../reader/ui/comfort.py"/>
        <source>{count} Characters a Line</source>
        <translation>{count} caracteres por línea</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <location filename="../reader/ui/document_list.py"/>
        <source>Documents</source>
        <translation>Documentos</translation>
    </message>
    <message>
        <location filename="../reader/ui/document_list.py"/>
        <source>Filter documents</source>
        <translation>Filtrar documentos</translation>
    </message>
</context>
<context>
    <name>DocumentModel</name>
    <message>
        <location filename="../reader/ui/document_list.py"/>
        <source>Available in {languages}</source>
        <translation>Disponible en {languages}</translation>
    </message>
    <message>
        <location filename="../reader/ui/document_list.py"/>
        <source>Available in {languages}; no {missing} version</source>
        <translation>Disponible en {languages}; sin versión en {missing}</translation>
    </message>
    <message>
        <location filename="../reader/ui/document_list.py"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../reader/ui/document_list.py"/>
        <source>Languages</source>
        <translation>Idiomas</translation>
    </message>
    <message>
        <location filename="../reader/ui/document_list.py"/>
        <source>Needs translation</source>
        <translation>Necesita traducción</translation>
    </message>
    <message>
        <location filename="../reader/ui/document_list.py"/>
        <source>The {languages} version is older than the other.</source>
        <translation>La versión en {languages} es más antigua que la otra.</translation>
    </message>
    <message>
        <location filename="../reader/ui/document_list.py"/>
        <source>Title</source>
        <translation>Título</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../reader/ui/crash.py"/>
        <source>&amp;Copy details</source>
        <translation>&amp;Copiar detalles</translation>
    </message>
    <message>
        <location filename="../reader/ui/crash.py"/>
        <source>&amp;Details</source>
        <translation>&amp;Detalles</translation>
    </message>
    <message>
        <location filename="../reader/ui/crash.py"/>
        <source>Lector met an unexpected error. You can keep reading; if something looks wrong, restart Lector. The details are saved in the log.</source>
        <translation>Lector ha encontrado un error inesperado. Puede seguir leyendo; si algo no se ve bien, reinicie Lector. Los detalles se han guardado en el registro.</translation>
    </message>
    <message>
        <location filename="../reader/ui/crash.py"/>
        <source>Something went wrong</source>
        <translation>Algo ha fallado</translation>
    </message>
    <message numerus="yes">
        <location filename="../reader/ui/crash.py"/>
        <source>This has happened %n time(s) in this session.</source>
        <translation>
            <numerusform>Ha ocurrido %n vez en esta sesión.</numerusform>
            <numerusform>Ha ocurrido %n veces en esta sesión.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../reader/ui/find_bar.py"/>
        <source>&amp;Find in Page…</source>
        <translation>&amp;Buscar en la página…</translation>
    </message>
    <message>
        <location filename="../reader/ui/find_bar.py"/>
        <source>Close the find bar (Esc)</source>
        <translation>Cerrar la barra de búsqueda (Esc)</translation>
    </message>
    <message>
        <location filename="../reader/ui/find_bar.py"/>
        <source>Find &amp;Next</source>
        <translation>Buscar &amp;siguiente</translation>
    </message>
    <message>
        <location filename="../reader/ui/find_bar.py"/>
        <source>Find in Page</source>
        <translation>Buscar en la página</translation>
    </message>
    <message>
        <location filename="../reader/ui/find_bar.py"/>
        <source>Find in this document</source>
        <translation>Buscar en este documento</translation>
    </message>
    <message>
        <location filename="../reader/ui/find_bar.py"/>
        <source>Find Pre&amp;vious</source>
        <translation>Buscar &amp;anterior</translation>
    </message>
    <message>
        <location filename="../reader/ui/find_bar.py"/>
        <source>Find:</source>
        <translation>Buscar:</translation>
    </message>
    <message>
        <location filename="../reader/ui/find_bar.py"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../reader/ui/find_bar.py"/>
        <source>No matches</source>
        <translation>Sin coincidencias</translation>
    </message>
    <message>
        <location filename="../reader/ui/find_bar.py"/>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <location filename="../reader/ui/find_bar.py"/>
        <source>{current} of {total}</source>
        <translation>{current} de {total}</translation>
    </message>
</context>
<context>
    <name>GlossaryController</name>
    <message>
        <location filename="../reader/ui/glossary_popup.py"/>
        <source>Do &amp;Not Mark Terms</source>
        <translation>&amp;No marcar términos</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_popup.py"/>
        <source>Glossary &amp;Terms</source>
        <translation>&amp;Términos del glosario</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_popup.py"/>
        <source>Mark Terms, Explain on &amp;Click</source>
        <translation>Marcar términos y explicarlos al hacer &amp;clic</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_popup.py"/>
        <source>Mark Terms, Explain on &amp;Hover</source>
        <translation>Marcar términos y explicarlos al &amp;pasar el puntero</translation>
    </message>
    <message numerus="yes">
        <location filename="../reader/ui/glossary_popup.py"/>
        <source>Some glossary entries could not be used (%n problem(s)); the Glossary panel lists them.</source>
        <translation>
            <numerusform>Algunas entradas del glosario no se pudieron usar (%n problema); el panel Glosario las enumera.</numerusform>
            <numerusform>Algunas entradas del glosario no se pudieron usar (%n problemas); el panel Glosario las enumera.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GlossaryPanel</name>
    <message numerus="yes">
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>%n problem(s) in glossary files</source>
        <translation>
            <numerusform>%n problema en los archivos del glosario</numerusform>
            <numerusform>%n problemas en los archivos del glosario</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>A field has a value of the wrong kind.</source>
        <translation>Un campo tiene un valor de tipo incorrecto.</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>A related term names no entry; it was left out.</source>
        <translation>Un término relacionado no corresponde a ninguna entrada; se omitió.</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>Also written:</source>
        <translation>También se escribe:</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>An item of the list is not an entry.</source>
        <translation>Un elemento de la lista no es una entrada.</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>Another entry in the file has this id.</source>
        <translation>Otra entrada del archivo tiene este identificador.</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>Entry</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>Filter terms (either language)</source>
        <translation>Filtrar términos (en cualquier idioma)</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>Glossary</source>
        <translation>Glosario</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>Glossary entry</source>
        <translation>Entrada del glosario</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>Glossary terms</source>
        <translation>Términos del glosario</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>Related terms</source>
        <translation>Términos relacionados</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>The entry has neither an English nor a Spanish part.</source>
        <translation>La entrada no tiene parte en inglés ni en español.</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>The entry has no id.</source>
        <translation>La entrada no tiene identificador.</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>The entry has no term.</source>
        <translation>La entrada no tiene término.</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>The file could not be read.</source>
        <translation>No se pudo leer el archivo.</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>The file has no list of entries.</source>
        <translation>El archivo no contiene una lista de entradas.</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>The file is not valid YAML.</source>
        <translation>El archivo no es YAML válido.</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>The file is too large to read.</source>
        <translation>El archivo es demasiado grande para leerlo.</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_panel.py"/>
        <source>The id may only use lower-case letters, digits, dots, hyphens and underscores.</source>
        <translation>El identificador solo puede contener minúsculas, dígitos, puntos, guiones y guiones bajos.</translation>
    </message>
</context>
<context>
    <name>GlossaryPopup</name>
    <message>
        <location filename="../reader/ui/glossary_popup.py"/>
        <source>More…</source>
        <translation>Más…</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_popup.py"/>
        <source>Open this term in the glossary panel</source>
        <translation>Abrir este término en el panel del glosario</translation>
    </message>
    <message>
        <location filename="../reader/ui/glossary_popup.py"/>
        <source>{language}: {term}</source>
        <translation>{language}: {term}</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../reader/ui/i18n.py"/>
        <source>&amp;Open Documents in the Interface Language</source>
        <translation>&amp;Abrir los documentos en el idioma de la interfaz</translation>
    </message>
    <message>
        <location filename="../reader/ui/i18n.py"/>
        <source>Follow the &amp;System ({language})</source>
        <translation>Según el &amp;sistema ({language})</translation>
    </message>
    <message>
        <location filename="../reader/ui/i18n.py"/>
        <source>Interface &amp;Language</source>
        <translation>I&amp;dioma de la interfaz</translation>
    </message>
    <message>
        <location filename="../reader/ui/i18n.py"/>
        <source>When a document has a version in the interface language, show that one</source>
        <translation>Si un documento tiene versión en el idioma de la interfaz, mostrar esa</translation>
    </message>
</context>
<context>
    <name>LanguageToggle</name>
    <message>
        <location filename="../reader/ui/language_toggle.py"/>
        <source>Read in {language} (Ctrl+L switches)</source>
        <translation>Leer en {language} (Ctrl+L cambia de idioma)</translation>
    </message>
    <message>
        <location filename="../reader/ui/language_toggle.py"/>
        <source>Reading language</source>
        <translation>Idioma de lectura</translation>
    </message>
    <message>
        <location filename="../reader/ui/language_toggle.py"/>
        <source>This document has no {language} version</source>
        <translation>Este documento no tiene versión en {language}</translation>
    </message>
</context>
<context>
    <name>LibraryFolders</name>
    <message>
        <location filename="../reader/ui/library_folders.py"/>
        <source>&amp;Add Library Folder…</source>
        <translation>&amp;Añadir carpeta de biblioteca…</translation>
    </message>
    <message>
        <location filename="../reader/ui/library_folders.py"/>
        <source>&amp;Remove Library Folder</source>
        <translation>&amp;Quitar carpeta de biblioteca</translation>
    </message>
    <message>
        <location filename="../reader/ui/library_folders.py"/>
        <source>(no folders added)</source>
        <translation>(no se ha añadido ninguna carpeta)</translation>
    </message>
    <message>
        <location filename="../reader/ui/library_folders.py"/>
        <source>Add Library Folder</source>
        <translation>Añadir carpeta de biblioteca</translation>
    </message>
    <message>
        <location filename="../reader/ui/library_folders.py"/>
        <source>All libraries</source>
        <translation>Todas las bibliotecas</translation>
    </message>
    <message>
        <location filename="../reader/ui/library_folders.py"/>
        <source>Library</source>
        <translation>Biblioteca</translation>
    </message>
    <message>
        <location filename="../reader/ui/library_folders.py"/>
        <source>Needs translation</source>
        <translation>Necesita traducción</translation>
    </message>
    <message>
        <location filename="../reader/ui/library_folders.py"/>
        <source>Offline: {names}</source>
        <translation>Sin conexión: {names}</translation>
    </message>
    <message>
        <location filename="../reader/ui/library_folders.py"/>
        <source>Open a folder of your own documents as a library</source>
        <translation>Abrir una carpeta con sus propios documentos como biblioteca</translation>
    </message>
    <message>
        <location filename="../reader/ui/library_folders.py"/>
        <source>Reading {name}…</source>
        <translation>Leyendo {name}…</translation>
    </message>
    <message>
        <location filename="../reader/ui/library_folders.py"/>
        <source>Sample library</source>
        <translation>Biblioteca de ejemplo</translation>
    </message>
    <message>
        <location filename="../reader/ui/library_folders.py"/>
        <source>Show only documents with a language version missing or out of date</source>
        <translation>Mostrar solo los documentos a los que les falta una versión o la tienen desactualizada</translation>
    </message>
    <message>
        <location filename="../reader/ui/library_folders.py"/>
        <source>{name} (offline)</source>
        <translation>{name} (sin conexión)</translation>
    </message>
    <message>
        <location filename="../reader/ui/library_folders.py"/>
        <source>{name} closed; its files were not touched.</source>
        <translation>Se cerró {name}; sus archivos no se han tocado.</translation>
    </message>
    <message>
        <location filename="../reader/ui/library_folders.py"/>
        <source>{path} is already in the library.</source>
        <translation>{path} ya está en la biblioteca.</translation>
    </message>
    <message>
        <location filename="../reader/ui/library_folders.py"/>
        <source>{path} is inside {name}, which already shows its documents.</source>
        <translation>{path} está dentro de {name}, que ya muestra sus documentos.</translation>
    </message>
    <message>
        <location filename="../reader/ui/library_folders.py"/>
        <source>{path} is not a folder.</source>
        <translation>{path} no es una carpeta.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../reader/ui/main_window.py"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n documento</numerusform>
            <numerusform>%n documentos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../reader/ui/main_window.py"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problema</numerusform>
            <numerusform>%n problemas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>&amp;About Lector</source>
        <translation>&amp;Acerca de Lector</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>&amp;Filter Documents</source>
        <translation>&amp;Filtrar documentos</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>&amp;Side by Side</source>
        <translation>&amp;Lado a lado</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>About Lector</source>
        <translation>Acerca de Lector</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>Lector does not open links of this kind:
{link}</source>
        <translation>Lector no abre enlaces de este tipo:
{link}</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>Lector {version}

An offline reader for documents in English and Spanish.</source>
        <translation>Lector {version}

Un lector sin conexión para documentos en inglés y en español.</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>Link not opened</source>
        <translation>Enlace no abierto</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>Loading library…</source>
        <translation>Cargando la biblioteca…</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>Show English and Spanish side by side</source>
        <translation>Mostrar el inglés y el español lado a lado</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>Show the files that could not be read fully</source>
        <translation>Mostrar los archivos que no se pudieron leer por completo</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>Show the other language, keeping your place</source>
        <translation>Mostrar el otro idioma sin perder el punto de lectura</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>Something went wrong; details are in the log.</source>
        <translation>Algo salió mal; los detalles están en el registro.</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>Switch &amp;Language (EN/ES)</source>
        <translation>Cambiar de &amp;idioma (EN/ES)</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>The link leads to {target}, which is not a document in this library.</source>
        <translation>El enlace lleva a {target}, que no es un documento de esta biblioteca.</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>This document is only available in one language.</source>
        <translation>Este documento solo está disponible en un idioma.</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>Toolbar</source>
        <translation>Barra de herramientas</translation>
    </message>
    <message>
        <location filename="../reader/ui/main_window.py"/>
        <source>{title} — Lector</source>
        <translation>{title} — Lector</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>A front matter field appears twice; the last one is used.</source>
        <translation>Un campo de la cabecera aparece dos veces; se usa el último.</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>A front matter field has a value of the wrong kind.</source>
        <translation>Un campo de la cabecera tiene un valor de tipo incorrecto.</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>A link that leads outside the library; skipped.</source>
        <translation>Un enlace que sale de la biblioteca; se omitió.</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>Another file is already this document in this language.</source>
        <translation>Otro archivo ya es este documento en este idioma.</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>English</source>
        <translation>inglés</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>Invalid UTF-8; unreadable characters are shown as �.</source>
        <translation>UTF-8 no válido; los caracteres ilegibles se muestran como �.</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>Not a regular file.</source>
        <translation>No es un archivo normal.</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>Spanish</source>
        <translation>español</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>The file could not be read.</source>
        <translation>No se pudo leer el archivo.</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>The file is empty.</source>
        <translation>El archivo está vacío.</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>The file is not text.</source>
        <translation>El archivo no es de texto.</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>The file is too large to open.</source>
        <translation>El archivo es demasiado grande para abrirlo.</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>The folder could not be read.</source>
        <translation>No se pudo leer la carpeta.</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>The front matter asks to run code (a YAML tag); it was ignored.</source>
        <translation>La cabecera pide ejecutar código (una etiqueta YAML); se ignoró.</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>The front matter has no closing line; it was read as text.</source>
        <translation>La cabecera no tiene línea de cierre; se leyó como texto.</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>The front matter is nested too deeply; ignored.</source>
        <translation>La cabecera tiene demasiados niveles de anidación; se ignoró.</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>The front matter is not a list of fields; it was ignored.</source>
        <translation>La cabecera no es una lista de campos; se ignoró.</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>The front matter is not valid YAML; it was ignored.</source>
        <translation>La cabecera no es YAML válido; se ignoró.</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>The front matter is too large; it was ignored.</source>
        <translation>La cabecera es demasiado grande; se ignoró.</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>This document could not be formatted, so it is shown as plain text.</source>
        <translation>No se pudo dar formato a este documento, así que se muestra como texto sin formato.</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>This document took too long to format, so it is shown as plain text.</source>
        <translation>Dar formato a este documento tardaba demasiado, así que se muestra como texto sin formato.</translation>
    </message>
    <message>
        <location filename="../reader/ui/messages.py"/>
        <source>Written in a language Lector does not show.</source>
        <translation>Escrito en un idioma que Lector no muestra.</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <location filename="../reader/ui/navigation.py"/>
        <source>&amp;Back</source>
        <translation>&amp;Atrás</translation>
    </message>
    <message>
        <location filename="../reader/ui/navigation.py"/>
        <source>&amp;Forward</source>
        <translation>A&amp;delante</translation>
    </message>
    <message>
        <location filename="../reader/ui/navigation.py"/>
        <source>&amp;Go</source>
        <translation>I&amp;r</translation>
    </message>
    <message>
        <location filename="../reader/ui/navigation.py"/>
        <source>Back to {title}</source>
        <translation>Volver a {title}</translation>
    </message>
    <message>
        <location filename="../reader/ui/navigation.py"/>
        <source>Forward to {title}</source>
        <translation>Avanzar a {title}</translation>
    </message>
</context>
<context>
    <name>ProblemsView</name>
    <message>
        <location filename="../reader/ui/problems_view.py"/>
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
    <message>
        <location filename="../reader/ui/problems_view.py"/>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <location filename="../reader/ui/problems_view.py"/>
        <source>Library</source>
        <translation>Biblioteca</translation>
    </message>
    <message>
        <location filename="../reader/ui/problems_view.py"/>
        <source>Loaded</source>
        <translation>Cargado</translation>
    </message>
    <message>
        <location filename="../reader/ui/problems_view.py"/>
        <source>Open Folder</source>
        <translation>Abrir carpeta</translation>
    </message>
    <message>
        <location filename="../reader/ui/problems_view.py"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location filename="../reader/ui/problems_view.py"/>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
    <message>
        <location filename="../reader/ui/problems_view.py"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../reader/ui/problems_view.py"/>
        <source>Skipped</source>
        <translation>Omitido</translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message>
        <location filename="../reader/ui/reader_view.py"/>
        <source>Choose a document from the list to start reading. Ctrl+L switches between English and Spanish; Ctrl+Shift+L shows both side by side.</source>
        <translation>Elija un documento de la lista para empezar a leer. Ctrl+L cambia entre inglés y español; Ctrl+Mayús+L muestra los dos lado a lado.</translation>
    </message>
    <message>
        <location filename="../reader/ui/reader_view.py"/>
        <source>Document text</source>
        <translation>Texto del documento</translation>
    </message>
    <message>
        <location filename="../reader/ui/reader_view.py"/>
        <source>Document text in the other language</source>
        <translation>Texto del documento en el otro idioma</translation>
    </message>
    <message>
        <location filename="../reader/ui/reader_view.py"/>
        <source>This document has no {language} version.</source>
        <translation>Este documento no tiene versión en {language}.</translation>
    </message>
    <message>
        <location filename="../reader/ui/reader_view.py"/>
        <source>This document has no {missing} version; showing {shown}.</source>
        <translation>Este documento no tiene versión en {missing}; se muestra en {shown}.</translation>
    </message>
    <message>
        <location filename="../reader/ui/reader_view.py"/>
        <source>Welcome to Lector</source>
        <translation>Le damos la bienvenida a Lector</translation>
    </message>
    <message>
        <location filename="../reader/ui/reader_view.py"/>
        <source>{language}: {reason}</source>
        <translation>{language}: {reason}</translation>
    </message>
</context>
<context>
    <name>ReadingPane</name>
    <message>
        <location filename="../reader/ui/reading_pane.py"/>
        <source>Source</source>
        <translation>Fuente</translation>
    </message>
    <message>
        <location filename="../reader/ui/reading_pane.py"/>
        <source>This version is empty.</source>
        <translation>Esta versión está vacía.</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message numerus="yes">
        <location filename="../reader/ui/search_panel.py"/>
        <source>%n version(s) indexed</source>
        <translation>
            <numerusform>%n versión indexada</numerusform>
            <numerusform>%n versiones indexadas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>&amp;Search…</source>
        <translation>&amp;Buscar…</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>A lone * would match everything: type a word.</source>
        <translation>Un * solo coincidiría con todo: escriba una palabra.</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>A prefix starts many words: only the most common were searched.</source>
        <translation>Muchas palabras empiezan así: solo se buscaron las más frecuentes.</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>A prefix that matches too many words was left out.</source>
        <translation>Se ha omitido un prefijo que coincide con demasiadas palabras.</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>EN</source>
        <translation>EN</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>ES</source>
        <translation>ES</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>Indexing failed; details are in the log.</source>
        <translation>No se pudo indexar; los detalles están en el registro.</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>Indexing paused; search may miss documents.</source>
        <translation>Indexación en pausa; la búsqueda puede omitir documentos.</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>Indexing…</source>
        <translation>Indexando…</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>No document has all the words; showing those with some.</source>
        <translation>Ningún documento tiene todas las palabras; se muestran los que tienen alguna.</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>No results.</source>
        <translation>Sin resultados.</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>No results. Did you mean &lt;a href='suggest'&gt;{suggestion}&lt;/a&gt;?</source>
        <translation>Sin resultados. ¿Quiso decir &lt;a href='suggest'&gt;{suggestion}&lt;/a&gt;?</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>Only very common words or symbols: nothing to search for.</source>
        <translation>Solo hay palabras muy comunes o símbolos: no hay nada que buscar.</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>Part of the search was read as plain words.</source>
        <translation>Parte de la búsqueda se ha leído como palabras sueltas.</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>Search &amp;Panel</source>
        <translation>&amp;Panel de búsqueda</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>Search all documents (Ctrl+K)</source>
        <translation>Buscar en todos los documentos (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>Search in both languages or only one</source>
        <translation>Buscar en los dos idiomas o solo en uno</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>Stop indexing for now</source>
        <translation>Detener la indexación por ahora</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>The search failed; details are in the log.</source>
        <translation>La búsqueda falló; los detalles están en el registro.</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>The search index is damaged; it is being rebuilt.</source>
        <translation>El índice de búsqueda está dañado; se está reconstruyendo.</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>The search index is in use; try again later.</source>
        <translation>El índice de búsqueda está en uso; inténtelo más tarde.</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>The search index is still being built.</source>
        <translation>El índice de búsqueda todavía se está creando.</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>The search index of {folder} was damaged and has been rebuilt.</source>
        <translation>El índice de búsqueda de {folder} estaba dañado y se ha reconstruido.</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>The search index was damaged and has been rebuilt.</source>
        <translation>El índice de búsqueda estaba dañado y se ha reconstruido.</translation>
    </message>
    <message>
        <location filename="../reader/ui/search_panel.py"/>
        <source>“{term}” matches too many words: type more letters before *.</source>
        <translation>«{term}» coincide con demasiadas palabras: escriba más letras antes del *.</translation>
    </message>
</context>
<context>
    <name>SettingsNotice</name>
    <message>
        <location filename="../reader/ui/settings_notice.py"/>
        <source>A copy of the old file is in {path}.</source>
        <translation>Hay una copia del archivo anterior en {path}.</translation>
    </message>
    <message>
        <location filename="../reader/ui/settings_notice.py"/>
        <source>Some settings were damaged and have been reset: {keys}.</source>
        <translation>Algunos ajustes estaban dañados y se han restablecido: {keys}.</translation>
    </message>
    <message>
        <location filename="../reader/ui/settings_notice.py"/>
        <source>The settings file was damaged; what could be read was kept.</source>
        <translation>El archivo de ajustes estaba dañado; se ha conservado lo que se pudo leer.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../reader/ui/shortcuts.py"/>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <location filename="../reader/ui/shortcuts.py"/>
        <source>Follow the link</source>
        <translation>Seguir el enlace</translation>
    </message>
    <message>
        <location filename="../reader/ui/shortcuts.py"/>
        <source>Keyboard Shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../reader/ui/shortcuts.py"/>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <location filename="../reader/ui/shortcuts.py"/>
        <source>Next link in the text</source>
        <translation>Enlace siguiente del texto</translation>
    </message>
    <message>
        <location filename="../reader/ui/shortcuts.py"/>
        <source>Next panel</source>
        <translation>Panel siguiente</translation>
    </message>
    <message>
        <location filename="../reader/ui/shortcuts.py"/>
        <source>Previous panel</source>
        <translation>Panel anterior</translation>
    </message>
</context>
<context>
    <name>TocPanel</name>
    <message>
        <location filename="../reader/ui/toc_panel.py"/>
        <source>&amp;Contents</source>
        <translation>Í&amp;ndice</translation>
    </message>
    <message>
        <location filename="../reader/ui/toc_panel.py"/>
        <source>Contents</source>
        <translation>Índice</translation>
    </message>
    <message>
        <location filename="../reader/ui/toc_panel.py"/>
        <source>Table of contents</source>
        <translation>Índice del documento</translation>
    </message>
</context>
</TS>
