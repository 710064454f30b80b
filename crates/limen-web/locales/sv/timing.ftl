# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Du har till { $time } på dig att slutföra det här steget. En minut innan kan du be om mer tid.
time-limit-warning = Det är mindre än en minut kvar att slutföra det här steget. Klicka på ”Mer tid” om du behöver mer tid.
time-limit-more = Mer tid
time-limit-extended = Du har till { $time } på dig att slutföra det här steget.
time-limit-no-more = Det går inte att lägga till mer tid för det här steget. Om tiden tar slut får du börja om och logga in på nytt.
time-limit-ended = Tiden för det här steget har tagit slut. Börja om och logga in på nytt.
time-limit-refused = Sidan har gått ut. Ladda om den och försök igen.
captcha-time-limit = { $minutes ->
    [one] Den här kontrollen gäller i en minut. Om tiden tar slut sparas det du har skrivit: du blir ombedd att göra kontrollen igen.
   *[other] Den här kontrollen gäller i { $minutes } minuter. Om tiden tar slut sparas det du har skrivit: du blir ombedd att göra kontrollen igen.
}
