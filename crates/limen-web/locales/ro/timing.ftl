# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Aveți timp până la { $time } pentru a finaliza acest pas. Cu un minut înainte, puteți cere mai mult timp.
time-limit-warning = A rămas mai puțin de un minut pentru a finaliza acest pas. Faceți clic pe „Mai mult timp” dacă aveți nevoie.
time-limit-more = Mai mult timp
time-limit-extended = Aveți timp până la { $time } pentru a finaliza acest pas.
time-limit-no-more = Nu se mai poate adăuga timp pentru acest pas. Dacă timpul expiră, reluați conectarea de la început.
time-limit-ended = Timpul pentru acest pas a expirat. Reluați conectarea de la început.
time-limit-refused = Această pagină a expirat. Reîncărcați-o și încercați din nou.
captcha-time-limit = { $minutes ->
    [one] Această verificare este valabilă un minut. Dacă acest timp expiră, ceea ce ați tastat se păstrează: vi se va cere să refaceți verificarea.
    [few] Această verificare este valabilă { $minutes } minute. Dacă acest timp expiră, ceea ce ați tastat se păstrează: vi se va cere să refaceți verificarea.
   *[other] Această verificare este valabilă { $minutes } de minute. Dacă acest timp expiră, ceea ce ați tastat se păstrează: vi se va cere să refaceți verificarea.
}
