## Accessibility (issue 22): what every page adds, and the accessibility statement (/accessibility).

## Every page
a11y-skip-to-content = Passar ao conteúdo principal
a11y-nav-account = A sua conta
a11y-footer-statement = Declaração de acessibilidade
a11y-field-required = (obrigatório)
a11y-new-window = (abre numa nova janela)

## The accessibility statement (Directive (EU) 2016/2102, model of Implementing Decision (EU) 2018/1523)
a11y-title = Declaração de acessibilidade
a11y-intro = O responsável por { $site } compromete-se a torná-lo acessível, em conformidade com a Diretiva (UE) 2016/2102 do Parlamento Europeu e do Conselho relativa à acessibilidade dos sítios Web e das aplicações móveis de organismos do setor público.
a11y-scope = A presente declaração de acessibilidade aplica-se a { $site }: as páginas de início de sessão, as páginas de registo e de palavra-passe, a página «A minha conta», as páginas da aplicação móvel e a consola de administração, nas 24 línguas oficiais da União Europeia.
a11y-status-title = Situação de conformidade
a11y-status-text = Este sítio Web está parcialmente em conformidade com as Diretrizes de Acessibilidade para o Conteúdo da Web (WCAG) 2.1, nível AA, e com a norma europeia harmonizada EN 301 549 v3.2.1, devido às não conformidades enumeradas abaixo.
a11y-gaps-title = Conteúdo não acessível
a11y-gaps-intro = O conteúdo a seguir referido não é acessível pelos motivos seguintes.
a11y-gaps-noncompliance = Não conformidade com os requisitos de acessibilidade
a11y-gap-captcha = O teste de imagem (CAPTCHA) dos formulários de registo e de «Palavra-passe esquecida» tem uma alternativa que não exige visão nem audição — o navegador resolve um problema de cálculo —, mas essa alternativa precisa de JavaScript. Sem JavaScript, quem não consegue ver a imagem não pode enviar estes formulários e tem de recorrer ao serviço de assistência (WCAG 1.1.1).
a11y-gap-manual = As páginas ainda não foram testadas por pessoas que utilizam leitores de ecrã, ampliadores ou controlo por voz; as verificações automáticas abaixo indicadas encontram apenas parte dos problemas que um teste desse tipo encontraria.
a11y-gap-mail = As mensagens de correio eletrónico enviadas pelo serviço não são verificadas pelos testes automáticos.
a11y-outside-title = Conteúdo fora do âmbito da presente declaração
a11y-outside-third-party = As páginas de outros fornecedores de identidade com os quais pode iniciar sessão (sistemas de identificação eletrónica, redes sociais) e as páginas dos serviços em que inicia sessão: não são desenvolvidas nem controladas pelo responsável por este serviço.
a11y-outside-browser = As caixas de diálogo que o seu navegador e o seu sistema operativo apresentam para as chaves de segurança e as chaves de acesso.
a11y-prepared-title = Elaboração da presente declaração de acessibilidade
a11y-prepared-date = A presente declaração foi elaborada em { $date }.
a11y-prepared-method = Baseia-se numa autoavaliação feita pelos programadores do Limen, o software deste serviço. A cada alteração, o conjunto de testes executa as verificações abaixo indicadas: axe-core { $axe } no navegador Chromium em todas as páginas e em todos os estados de uma página a que um utilizador pode chegar (incluindo cada mensagem de erro), em inglês, francês, alemão, grego e maltês; verificações da estrutura das páginas; os principais percursos concluídos apenas com o teclado; as páginas apresentadas com 320 píxeis de largura e com zoom de 200 %.
a11y-prepared-review = A declaração é revista sempre que o software altera o que verifica.
a11y-checks-title = O que os testes verificam
a11y-checks-intro = Cada linha indica um critério de sucesso das WCAG 2.1, a forma como o conjunto de testes o verifica e o teste que o faz.
a11y-checks-caption = Critérios de sucesso das WCAG 2.1 verificados pelo conjunto de testes
a11y-col-criterion = Critério de sucesso
a11y-col-level = Nível
a11y-col-how = Forma de verificação
a11y-col-test = Teste
a11y-checks-not-listed = Os critérios que não constam desta lista não são verificados automaticamente.
a11y-feedback-title = Observações e dados de contacto
a11y-feedback-text = Se detetar um problema de acessibilidade neste serviço, ou se precisar de parte do seu conteúdo num formato acessível, informe o respetivo responsável:
a11y-enforcement-title = Procedimento de execução
a11y-enforcement-text = Se a resposta à sua notificação ou ao seu pedido não for satisfatória, pode recorrer ao organismo que assegura o cumprimento das regras de acessibilidade pelo responsável por este serviço:
a11y-enforcement-eu = no caso de uma instituição, órgão ou organismo da União Europeia:
a11y-enforcement-ombudsman = o Provedor de Justiça Europeu
a11y-enforcement-national = no caso de um organismo do setor público de um Estado-Membro, o organismo que o respetivo país designou nos termos da Diretiva (UE) 2016/2102:
a11y-enforcement-bodies = os organismos de execução, tal como enumerados pela Comissão Europeia

## How each criterion is checked (the table of the statement)
a11y-how-axe = O axe-core não encontra nenhuma violação grave ou crítica das suas regras para este critério em nenhum estado de nenhuma página, em cinco línguas.
a11y-how-axe-contrast = O axe-core mede o contraste de cada texto com o respetivo fundo: pelo menos 4,5:1, ou 3:1 para texto grande.
a11y-how-captcha = O teste de imagem é superado sem a imagem: o navegador resolve o problema de cálculo e, em seguida, a conta é criada.
a11y-how-landmarks = Cada página tem um cabeçalho, uma navegação com nome, uma única região principal e um rodapé.
a11y-how-fields = Cada campo visível tem uma etiqueta associada; os campos obrigatórios são assinalados por palavras, e não apenas pela cor.
a11y-how-app = O axe-core não encontra nenhuma violação grave ou crítica em nenhum ecrã da aplicação de autenticação web, nos modos claro e escuro.
a11y-how-autocomplete = Os campos do seu próprio endereço de correio eletrónico, dos seus nomes, das palavras-passe, do número de telefone e dos códigos de utilização única indicam a respetiva finalidade de preenchimento automático.
a11y-how-skip-link = Em cada página, o primeiro elemento a que o teclado chega é uma ligação que passa diretamente ao conteúdo principal.
a11y-how-title = Cada página tem um título próprio: o nome da página, seguido do nome do serviço.
a11y-how-headings = Cada página tem exatamente um título de primeiro nível que a identifica.
a11y-how-lang = Cada página declara a língua em que é apresentada.
a11y-how-selector = A lista de línguas indica o nome de cada língua nessa mesma língua, marca o respetivo texto com essa língua e assinala a língua atual.
a11y-how-consistent = A lista de línguas, a ligação para a presente declaração e o menu da conta estão no mesmo lugar em todas as páginas.
a11y-how-errors = Cada mensagem de erro está associada ao campo a que se refere, que é assinalado como inválido; um formulário com vários erros enumera-os no topo, cada um com uma ligação para o respetivo campo.
a11y-how-announced = As mensagens de erro são anunciadas pelos leitores de ecrã logo que a página as apresenta (alertas) e podem receber o foco.
a11y-how-colour = Além do texto, uma mensagem de erro começa com um símbolo; o campo com erro tem um contorno mais espesso e as ligações no texto estão sublinhadas: nenhuma informação é transmitida apenas pela cor.
a11y-how-zoom = Com zoom de 200 % (numa janela de 1280 píxeis de largura), nenhuma página se desloca lateralmente e nenhum texto sai do ecrã, em inglês, alemão, finlandês e grego.
a11y-how-reflow = Com 320 píxeis CSS de largura, nenhuma página se desloca lateralmente e nenhum texto sai do ecrã; uma tabela larga desloca-se dentro da sua própria caixa, à qual o teclado chega.
a11y-how-reflow-names = A página «A minha conta» mantém-se dentro da largura do ecrã com nomes muito longos e com nomes em árabe e em grego, tanto de pessoas como dos seus dispositivos.
a11y-how-focus-contrast = O indicador de foco de cada elemento a que o teclado chega tem um contraste de, pelo menos, 3:1 com o que está por trás dele.
a11y-how-spacing = Com o espaçamento de texto do critério aplicado a 320 píxeis, nenhum texto fica cortado.
a11y-how-keyboard = O percurso é concluído apenas com o teclado: registo, início de sessão com cada tipo de dispositivo, «A minha conta», PANIC.
a11y-how-trap = Percorrer cada página principal com a tecla Tab leva de volta ao ponto de partida: o foco nunca fica preso.
a11y-how-focus-order = A partir do topo de uma página, o teclado chega primeiro à ligação de salto e depois ao resto da página, pela ordem de leitura.
a11y-how-focus-visible = Cada elemento a que o teclado chega apresenta um anel de foco com, pelo menos, 2 píxeis de largura.

## WCAG 2.1 success criteria: the names of the W3C authorized Portuguese (Brazil) translation, in European Portuguese usage
wcag-1-1-1 = Conteúdo não textual
wcag-1-3-1 = Informações e relações
wcag-1-3-5 = Identificar a finalidade da entrada
wcag-1-4-1 = Utilização da cor
wcag-1-4-3 = Contraste (mínimo)
wcag-1-4-4 = Redimensionar texto
wcag-1-4-10 = Refluxo
wcag-1-4-11 = Contraste não textual
wcag-1-4-12 = Espaçamento de texto
wcag-2-1-1 = Teclado
wcag-2-1-2 = Sem bloqueio do teclado
wcag-2-4-1 = Ignorar blocos
wcag-2-4-2 = Página com título
wcag-2-4-3 = Ordem do foco
wcag-2-4-4 = Finalidade da ligação (em contexto)
wcag-2-4-6 = Cabeçalhos e etiquetas
wcag-2-4-7 = Foco visível
wcag-3-1-1 = Idioma da página
wcag-3-1-2 = Idioma das partes
wcag-3-2-3 = Navegação consistente
wcag-3-3-1 = Identificação de erros
wcag-3-3-2 = Etiquetas ou instruções
wcag-4-1-2 = Nome, função, valor
wcag-4-1-3 = Mensagens de estado
