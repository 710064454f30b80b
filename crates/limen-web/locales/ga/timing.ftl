# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Tá go dtí { $time } agat chun an chéim seo a chríochnú. Nóiméad roimhe sin, beidh tú in ann tuilleadh ama a iarraidh.
time-limit-warning = Tá níos lú ná nóiméad fágtha chun an chéim seo a chríochnú. Brúigh “Tuilleadh ama” má tá sé uait.
time-limit-more = Tuilleadh ama
time-limit-extended = Tá go dtí { $time } agat chun an chéim seo a chríochnú.
time-limit-no-more = Ní féidir tuilleadh ama a chur leis an gcéim seo. Má ritheann an t-am amach, logáil isteach arís ón tús.
time-limit-ended = Tá an t-am don chéim seo caite. Logáil isteach arís ón tús.
time-limit-refused = Tá an leathanach seo imithe in éag. Athlódáil é agus bain triail eile as.
captcha-time-limit = { $minutes ->
    [one] Tá an tseiceáil seo bailí ar feadh nóiméid amháin. Má ritheann an t-am sin amach, coinneofar an méid a chlóscríobh tú: iarrfar ort an tseiceáil a dhéanamh arís.
    [two] Tá an tseiceáil seo bailí ar feadh { $minutes } nóiméad. Má ritheann an t-am sin amach, coinneofar an méid a chlóscríobh tú: iarrfar ort an tseiceáil a dhéanamh arís.
    [few] Tá an tseiceáil seo bailí ar feadh { $minutes } nóiméad. Má ritheann an t-am sin amach, coinneofar an méid a chlóscríobh tú: iarrfar ort an tseiceáil a dhéanamh arís.
    [many] Tá an tseiceáil seo bailí ar feadh { $minutes } nóiméad. Má ritheann an t-am sin amach, coinneofar an méid a chlóscríobh tú: iarrfar ort an tseiceáil a dhéanamh arís.
   *[other] Tá an tseiceáil seo bailí ar feadh { $minutes } nóiméad. Má ritheann an t-am sin amach, coinneofar an méid a chlóscríobh tú: iarrfar ort an tseiceáil a dhéanamh arís.
}
