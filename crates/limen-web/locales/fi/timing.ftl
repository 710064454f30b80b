# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Sinulla on { $time } asti aikaa tehdä tämä vaihe loppuun. Minuuttia ennen voit pyytää lisää aikaa.
time-limit-warning = Tämän vaiheen tekemiseen on aikaa jäljellä alle minuutti. Valitse ”Lisää aikaa”, jos tarvitset lisäaikaa.
time-limit-more = Lisää aikaa
time-limit-extended = Sinulla on { $time } asti aikaa tehdä tämä vaihe loppuun.
time-limit-no-more = Tähän vaiheeseen ei voi enää lisätä aikaa. Jos aika loppuu, aloita kirjautuminen alusta.
time-limit-ended = Tämän vaiheen aika on loppunut. Aloita kirjautuminen alusta.
time-limit-refused = Tämä sivu on vanhentunut. Lataa sivu uudelleen ja yritä sitten uudestaan.
captcha-time-limit = { $minutes ->
    [one] Tämä tarkistus on voimassa minuutin. Jos aika loppuu, kirjoittamasi tiedot säilyvät: sinua pyydetään tekemään tarkistus uudelleen.
   *[other] Tämä tarkistus on voimassa { $minutes } minuuttia. Jos aika loppuu, kirjoittamasi tiedot säilyvät: sinua pyydetään tekemään tarkistus uudelleen.
}
