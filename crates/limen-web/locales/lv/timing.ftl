# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Jums ir laiks līdz { $time }, lai pabeigtu šo soli. Minūti pirms tam varēsiet lūgt vairāk laika.
time-limit-warning = Šā soļa pabeigšanai ir atlikusi mazāk nekā minūte. Ja jums vajag vairāk laika, nospiediet “Vairāk laika”.
time-limit-more = Vairāk laika
time-limit-extended = Jums ir laiks līdz { $time }, lai pabeigtu šo soli.
time-limit-no-more = Šim solim vairs nevar pievienot laiku. Ja laiks beidzas, piesakieties vēlreiz no sākuma.
time-limit-ended = Šim solim atvēlētais laiks ir beidzies. Piesakieties vēlreiz no sākuma.
time-limit-refused = Šīs lapas derīguma termiņš ir beidzies. Pārlādējiet lapu un mēģiniet vēlreiz.
captcha-time-limit = { $minutes ->
    [zero] Šī pārbaude ir derīga { $minutes } minūtes. Ja šis laiks beidzas, ievadītais tiek saglabāts: jums tiks lūgts veikt pārbaudi vēlreiz.
    [one] Šī pārbaude ir derīga { $minutes } minūti. Ja šis laiks beidzas, ievadītais tiek saglabāts: jums tiks lūgts veikt pārbaudi vēlreiz.
   *[other] Šī pārbaude ir derīga { $minutes } minūtes. Ja šis laiks beidzas, ievadītais tiek saglabāts: jums tiks lūgts veikt pārbaudi vēlreiz.
}
