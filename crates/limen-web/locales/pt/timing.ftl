# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Tem até { $time } para concluir este passo. Um minuto antes, poderá pedir mais tempo.
time-limit-warning = Falta menos de um minuto para concluir este passo. Clique em «Mais tempo» se precisar.
time-limit-more = Mais tempo
time-limit-extended = Tem até { $time } para concluir este passo.
time-limit-no-more = Já não é possível acrescentar tempo a este passo. Se o tempo se esgotar, inicie sessão novamente desde o início.
time-limit-ended = O tempo previsto para este passo esgotou-se. Inicie sessão novamente desde o início.
time-limit-refused = Esta página expirou. Recarregue-a e tente novamente.
captcha-time-limit = { $minutes ->
    [one] Esta verificação é válida durante { $minutes } minuto. Se esse tempo se esgotar, o que escreveu é mantido: ser-lhe-á pedido que repita a verificação.
   *[other] Esta verificação é válida durante { $minutes } minutos. Se esse tempo se esgotar, o que escreveu é mantido: ser-lhe-á pedido que repita a verificação.
}
