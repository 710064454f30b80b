## Accesibilidad (issue 22): lo que añade cada página, y la declaración de accesibilidad (/accessibility).

## Cada página
a11y-skip-to-content = Ir al contenido principal
a11y-nav-account = Su cuenta
a11y-footer-statement = Declaración de accesibilidad
a11y-field-required = (obligatorio)
a11y-new-window = (se abre en una ventana nueva)

## La declaración de accesibilidad (Directiva (UE) 2016/2102, modelo de la Decisión de Ejecución (UE) 2018/1523)
a11y-title = Declaración de accesibilidad
a11y-intro = El operador de { $site } se ha comprometido a hacerlo accesible, de conformidad con la Directiva (UE) 2016/2102 del Parlamento Europeo y del Consejo, sobre la accesibilidad de los sitios web y aplicaciones para dispositivos móviles de los organismos del sector público.
a11y-scope = La presente declaración de accesibilidad se aplica a { $site }: las páginas de inicio de sesión, las páginas de registro y de contraseña, «Mi cuenta», las páginas de la aplicación móvil y la consola de administración, en las 24 lenguas oficiales de la Unión Europea.
a11y-status-title = Situación de cumplimiento
a11y-status-text = Este sitio web es parcialmente conforme con las Pautas de Accesibilidad para el Contenido Web (WCAG) 2.1, nivel AA, y con la norma europea armonizada EN 301 549 v3.2.1, debido a las faltas de conformidad que se indican a continuación.
a11y-gaps-title = Contenido no accesible
a11y-gaps-intro = El contenido que se recoge a continuación no es accesible por los siguientes motivos.
a11y-gaps-noncompliance = Falta de conformidad con los requisitos de accesibilidad
a11y-gap-captcha = La prueba de imagen (CAPTCHA) de los formularios de registro y de «¿Ha olvidado su contraseña?» tiene una alternativa que no requiere ni vista ni oído —el navegador resuelve un problema de cálculo—, pero esa alternativa requiere JavaScript. Sin JavaScript, una persona que no puede ver la imagen no puede enviar estos formularios y tiene que dirigirse al servicio de asistencia (WCAG 1.1.1).
a11y-gap-manual = Las páginas aún no han sido probadas por personas que utilizan lectores de pantalla, ampliadores o control por voz; las comprobaciones automáticas que figuran a continuación solo detectan una parte de los problemas que detectaría una prueba de ese tipo.
a11y-gap-mail = Las pruebas automáticas no comprueban los correos electrónicos que envía el servicio.
a11y-outside-title = Contenido no incluido en el ámbito de la presente declaración
a11y-outside-third-party = Las páginas de otros proveedores de identidad con los que puede iniciar sesión (sistemas de identificación electrónica, redes sociales) y las páginas de los servicios en los que inicia sesión: el operador de este servicio no las desarrolla ni las controla.
a11y-outside-browser = Los cuadros de diálogo que su navegador y su sistema operativo muestran para las llaves de seguridad y las llaves de acceso.
a11y-prepared-title = Preparación de la presente declaración de accesibilidad
a11y-prepared-date = La presente declaración fue preparada el { $date }.
a11y-prepared-method = Se basa en una autoevaluación realizada por el equipo de desarrollo de Limen, el software de este servicio. El conjunto de pruebas ejecuta con cada cambio las comprobaciones que figuran a continuación: axe-core { $axe } en el navegador Chromium sobre cada página y cada estado de una página al que se puede llegar (incluido cada mensaje de error), en inglés, francés, alemán, griego y maltés; comprobaciones de la estructura de las páginas; los principales recorridos completados solo con el teclado; la presentación de las páginas con 320 píxeles de ancho y con un zoom del 200 %.
a11y-prepared-review = La declaración se revisa cada vez que el software cambia lo que comprueba.
a11y-checks-title = Qué comprueban las pruebas
a11y-checks-intro = Cada fila indica un criterio de conformidad de las WCAG 2.1, cómo lo comprueba el conjunto de pruebas y qué prueba lo hace.
a11y-checks-caption = Criterios de conformidad de las WCAG 2.1 comprobados por el conjunto de pruebas
a11y-col-criterion = Criterio de conformidad
a11y-col-level = Nivel
a11y-col-how = Cómo se comprueba
a11y-col-test = Prueba
a11y-checks-not-listed = Los criterios que no figuran aquí no se comprueban automáticamente.
a11y-feedback-title = Observaciones y datos de contacto
a11y-feedback-text = Si observa un problema de accesibilidad en este servicio o necesita parte de su contenido en un formato accesible, comuníqueselo al operador del servicio:
a11y-enforcement-title = Procedimiento de aplicación
a11y-enforcement-text = Si la respuesta a su comunicación o solicitud no le satisface, puede dirigirse al organismo encargado de velar por que el operador de este servicio cumpla las normas de accesibilidad:
a11y-enforcement-eu = para una institución, órgano u organismo de la Unión Europea:
a11y-enforcement-ombudsman = el Defensor del Pueblo Europeo
a11y-enforcement-national = para un organismo del sector público de un Estado miembro, el organismo de control designado por dicho Estado en virtud de la Directiva (UE) 2016/2102:
a11y-enforcement-bodies = los organismos de control, según la lista de la Comisión Europea

## Cómo se comprueba cada criterio (la tabla de la declaración)
a11y-how-axe = axe-core no encuentra ninguna infracción grave o crítica de sus reglas para este criterio en ningún estado de ninguna página, en cinco lenguas.
a11y-how-axe-contrast = axe-core mide el contraste de cada texto con su fondo: como mínimo 4,5:1, y 3:1 para el texto grande.
a11y-how-captcha = La prueba de imagen se supera sin la imagen: el navegador resuelve el problema y, a continuación, se crea la cuenta.
a11y-how-landmarks = Cada página tiene un encabezado (banner), una navegación con nombre, una única región principal y un pie de página.
a11y-how-fields = Cada campo visible tiene una etiqueta vinculada a él; los campos obligatorios se indican con palabras, no solo con color.
a11y-how-app = axe-core no encuentra ninguna infracción grave o crítica en ninguna pantalla de la aplicación de autenticación web, en modo claro y en modo oscuro.
a11y-how-autocomplete = Los campos de su propia dirección de correo electrónico, nombres, contraseñas, número de teléfono y códigos de un solo uso indican su finalidad de autocompletado.
a11y-how-skip-link = Lo primero que alcanza el teclado en cada página es un enlace que salta al contenido principal.
a11y-how-title = Cada página tiene un título propio: el nombre de la página y, después, el nombre del servicio.
a11y-how-headings = Cada página tiene exactamente un encabezado de primer nivel que la nombra.
a11y-how-lang = Cada página declara la lengua en la que se muestra.
a11y-how-selector = La lista de lenguas nombra cada lengua en esa misma lengua, marca su texto con esa lengua e indica la lengua actual.
a11y-how-consistent = La lista de lenguas, el enlace a la presente declaración y el menú de la cuenta están en el mismo lugar en todas las páginas.
a11y-how-errors = Un mensaje de error está vinculado al campo al que se refiere, que se marca como no válido; un formulario con varios errores los enumera al principio, cada uno con un enlace a su campo.
a11y-how-announced = Los lectores de pantalla anuncian los mensajes de error en cuanto la página los muestra (alertas), y estos pueden recibir el foco.
a11y-how-colour = Un mensaje de error empieza con un símbolo además de sus palabras, el campo con el error tiene un borde más grueso y los enlaces dentro del texto están subrayados: nada se indica solo con el color.
a11y-how-zoom = Con un zoom del 200 % (una ventana de 1280 píxeles de ancho), ninguna página se desplaza horizontalmente y ningún texto se sale de la pantalla, en inglés, alemán, finés y griego.
a11y-how-reflow = Con 320 píxeles CSS de ancho, ninguna página se desplaza horizontalmente y ningún texto se sale de la pantalla; una tabla ancha se desplaza dentro de su propio recuadro, al que llega el teclado.
a11y-how-reflow-names = «Mi cuenta» se mantiene dentro del ancho de la pantalla con nombres muy largos y con nombres en árabe y en griego, tanto de personas como de sus dispositivos.
a11y-how-focus-contrast = El indicador de foco de cada elemento que alcanza el teclado tiene un contraste de al menos 3:1 con lo que hay detrás.
a11y-how-spacing = Con el espaciado de texto del criterio aplicado a 320 píxeles, no se corta ningún texto.
a11y-how-keyboard = El recorrido se completa solo con el teclado: registro, inicio de sesión con cada tipo de dispositivo, «Mi cuenta», PANIC.
a11y-how-trap = Recorrer cada página principal con la tecla Tab lleva de vuelta al punto de partida: el foco nunca queda atrapado.
a11y-how-focus-order = Desde el principio de una página, el teclado alcanza primero el enlace para saltar al contenido y, después, la página en su orden de lectura.
a11y-how-focus-visible = Cada elemento que alcanza el teclado muestra un contorno de foco de al menos 2 píxeles de ancho.

## Criterios de conformidad de las WCAG 2.1, con los nombres de la norma UNE-EN 301 549
wcag-1-1-1 = Contenido no textual
wcag-1-3-1 = Información y relaciones
wcag-1-3-5 = Identificación del propósito de entrada
wcag-1-4-1 = Uso del color
wcag-1-4-3 = Contraste (mínimo)
wcag-1-4-4 = Cambio de tamaño del texto
wcag-1-4-10 = Reajuste del texto
wcag-1-4-11 = Contraste no textual
wcag-1-4-12 = Espaciado del texto
wcag-2-1-1 = Teclado
wcag-2-1-2 = Sin trampas para el foco del teclado
wcag-2-4-1 = Evitar bloques
wcag-2-4-2 = Titulado de páginas
wcag-2-4-3 = Orden del foco
wcag-2-4-4 = Propósito de los enlaces (en contexto)
wcag-2-4-6 = Encabezados y etiquetas
wcag-2-4-7 = Foco visible
wcag-3-1-1 = Idioma de la página
wcag-3-1-2 = Idioma de las partes
wcag-3-2-3 = Navegación coherente
wcag-3-3-1 = Identificación de errores
wcag-3-3-2 = Etiquetas o instrucciones
wcag-4-1-2 = Nombre, función, valor
wcag-4-1-3 = Mensajes de estado
