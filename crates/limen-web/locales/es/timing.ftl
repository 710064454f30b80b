# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Tiene hasta el { $time } para completar este paso. Un minuto antes podrá pedir más tiempo.
time-limit-warning = Queda menos de un minuto para completar este paso. Pulse «Más tiempo» si lo necesita.
time-limit-more = Más tiempo
time-limit-extended = Tiene hasta el { $time } para completar este paso.
time-limit-no-more = Ya no se puede añadir más tiempo a este paso. Si el tiempo se agota, vuelva a iniciar sesión desde el principio.
time-limit-ended = El tiempo para este paso se ha agotado. Vuelva a iniciar sesión desde el principio.
time-limit-refused = Esta página ha caducado. Vuelva a cargarla e inténtelo de nuevo.
captcha-time-limit = { $minutes ->
    [one] Esta comprobación es válida durante un minuto. Si ese tiempo se agota, se conservará lo que haya escrito: se le pedirá que vuelva a hacer la comprobación.
   *[other] Esta comprobación es válida durante { $minutes } minutos. Si ese tiempo se agota, se conservará lo que haya escrito: se le pedirá que vuelva a hacer la comprobación.
}
