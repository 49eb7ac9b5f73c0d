# Nederlandse vertaling van de MailSim-uitleg, deel 1 (SMTP, POP3, IMAP).
# Gekozen termen voor terugkerende begrippen (graag ook in deel 2 gebruiken):
# envelope = envelop; envelope sender = envelopafzender; envelope recipient = envelopontvanger
# relay (werkwoord), relaying, passing mail on = doorsturen; open relay = "open relay" (vaste naam)
# bounce = onbestelbaar-melding
# queue = wachtrij
# mailbox = mailbox (mv. mailboxen); IMAP mailbox/folder = map; INBOX blijft INBOX
# mail server = mailserver; server = server; client = client
# mail program = mailprogramma; ISP = ISP (internetprovider); provider = provider
# domain = domein
# greylisting = greylisting (blijft Engels)
# header = header (mv. headers); header line "From:" = de regel From:
# body = berichttekst
# spam filter = spamfilter; content filter = inhoudsfilter; spam = spam; spammer = spammer
# sender = afzender; recipient = ontvanger
# message = bericht; mail = mail; e-mail = e-mail
# command = commando (mv. commando's); reply/answer = antwoord; reply code = antwoordcode
# extension = uitbreiding; capability = mogelijkheid
# connection = verbinding; session = sessie; transaction = transactie
# log in = inloggen; login = het inloggen; credentials = inloggegevens
# user name = gebruikersnaam; password = wachtwoord
# encryption = versleuteling; encrypted = versleuteld; encode/decode = coderen/decoderen
# temporary = tijdelijk; permanent = permanent; policy = beleid (regels van de server)
# timeout = time-out
# state (POP3/IMAP) = toestand; state names (Authorization, Transaction, Update, Authenticated ...) blijven Engels
# flag = vlag (mv. vlaggen); \Seen, \Deleted enz. blijven zo
# tag (IMAP) = tag; untagged response = antwoord zonder tag
# mark as deleted = markeren als verwijderd; expunge = definitief verwijderen (EXPUNGE)
# byte-stuffing = byte-stuffing (extra punt ervoor)
# octet = octet (byte)
# submission port = verzendpoort
# lock/unlock (mailbox) = vergrendelen/ontgrendelen
# marked \Deleted / marks \Seen = met de vlag \Deleted / geeft de vlag \Seen
# unseen = ongelezen; folder = map; device = apparaat; greeting = begroeting
# digest (APOP) = hash (MD5-hash); timestamp = tijdstempel; keyword = trefwoord
# literal (IMAP) = literal; attribute = kenmerk
# tweede lezing (review.md): IMAP mailbox = map overal (alleen SELECT houdt de uitleg "mailbox (map)"); deliver = afleveren (niet bezorgen)
# pipelining batch = reeks commando's; fake end of message = vals einde van het bericht; Too many failed logins = Te veel mislukte inlogpogingen

smtp-cmd-HELO = Hallo (oude stijl)
    .text = De client noemt zijn eigen naam. Dit is de oorspronkelijke begroeting uit 1982; de server weet dan wie er praat, maar biedt geen uitbreidingen aan.
    .rfc = RFC 5321 §4.1.1.1

smtp-cmd-EHLO = Uitgebreide hallo
    .text = De client noemt zijn naam en vraagt welke uitbreidingen de server ondersteunt; de server antwoordt met een lijst, één per regel.
    .rfc = RFC 5321 §4.1.1.1

smtp-cmd-MAIL = Een bericht beginnen: wie verstuurt het?
    .text = MAIL FROM geeft de envelopafzender: naar dat adres gaan meldingen als er iets misgaat. Het kan een ander adres zijn dan de regel From: die mensen zien, en <> betekent "stuur geen meldingen terug".
    .rfc = RFC 5321 §4.1.1.2

smtp-cmd-RCPT = Een ontvanger toevoegen
    .text = RCPT TO noemt één mailbox die het bericht moet krijgen. Een bericht aan drie mensen heeft drie RCPT-commando's nodig, en elk krijgt een eigen antwoord. Deze envelopontvangers bepalen waar de mail naartoe gaat; de regels To:, Cc: en Bcc: in het bericht zijn alleen wat mensen zien (een Bcc-ontvanger is een RCPT TO die in geen enkele header staat).
    .rfc = RFC 5321 §4.1.1.3, §3.3; RFC 5322 §3.6.3

smtp-cmd-DATA = Het bericht zelf versturen
    .text = Na het antwoord 354 stuurt de client de headers en de berichttekst, en sluit af met een regel met alleen een punt. Om te voorkomen dat een punt in de tekst het bericht te vroeg afsluit, krijgt een tekstregel die met een punt begint nog een extra punt ervoor, en de server haalt die weer weg: als je een regel typt die met '.' begint, verdwijnt de eerste punt (typ '..' voor één punt).
    .rfc = RFC 5321 §4.1.1.4, §4.5.2

smtp-cmd-RSET = Opnieuw beginnen
    .text = Het bericht waar de client mee bezig was (afzender en ontvangers) wordt vergeten, maar de verbinding blijft open.
    .rfc = RFC 5321 §4.1.1.5

smtp-cmd-NOOP = Niets doen
    .text = Doet niets, behalve dat de server OK antwoordt: handig om te controleren of de verbinding nog werkt.
    .rfc = RFC 5321 §4.1.1.9

smtp-cmd-QUIT = Tot ziens
    .text = De client is klaar; de server antwoordt 221 en sluit de verbinding.
    .rfc = RFC 5321 §4.1.1.10

smtp-cmd-HELP = Hulp
    .text = Vraagt de server om een korte beschrijving van zijn commando's, bedoeld voor mensen die met de hand typen.
    .rfc = RFC 5321 §4.1.1.8

smtp-cmd-VRFY = Een mailbox controleren
    .text = Vraagt of een gebruiker bestaat. Veel servers zetten dit uit of antwoorden 252 ("kan ik niet zeggen"), zodat spammers geen adressen kunnen verzamelen. Een server die het uitzet, moet toch 252 antwoorden, nooit een code die lijkt op "die gebruiker bestaat niet".
    .rfc = RFC 5321 §3.5, §4.1.1.6, §7.3

smtp-cmd-EXPN = De leden van een mailinglijst opvragen
    .text = Vraagt wie er op een mailinglijst staan. Meestal uitgezet voor de privacy; een server die het uitzet, antwoordt 252 ("dat vertel ik niet, maar ik ga proberen het af te leveren").
    .rfc = RFC 5321 §3.5, §4.1.1.7, §7.3

smtp-cmd-AUTH = Inloggen
    .text = De client bewijst wie hij is met een gebruikersnaam en wachtwoord (gecodeerd in base64; dat is geen versleuteling: iedereen kan het decoderen). Mailprogramma's moeten inloggen voordat ze via de server van hun provider versturen. Echte servers accepteren een wachtwoord alleen over een versleutelde verbinding: eerst STARTTLS op poort 587, of TLS vanaf het begin op poort 465. MailSim slaat TLS over, zodat je elke regel kunt lezen.
    .rfc = RFC 4954 §4; RFC 3207; RFC 8314

smtp-auth-answer = Antwoord bij het inloggen
    .text = De client antwoordt op de 334 van de server met één regel base64: de gebruikersnaam, het wachtwoord of allebei (AUTH PLAIN). Base64 is alleen een manier om bytes als letters te schrijven: iedereen die de regel ziet, kan hem decoderen. Daarom vragen echte servers eerst om TLS.
    .rfc = RFC 4954 §4; RFC 4648 §4

smtp-cmd-VERB = Uitgebreide modus (Sendmail)
    .text = Een oud commando van Sendmail om fouten op te sporen. Het hoort niet bij de standaard; MailSim weigert het.
    .rfc = RFC 5321 §4.1.1 (not listed)

smtp-cmd-UNKNOWN = Onbekend commando
    .text = Een woord dat de server niet kent als SMTP-commando, dus antwoordt hij 500.
    .rfc = RFC 5321 §4.2.4

smtp-reply-214 = Helpbericht
    .text = Een helptekst, bedoeld voor een mens.
    .rfc = RFC 5321 §4.2.3

smtp-reply-220 = Dienst gereed
    .text = De begroeting van de server: hij is klaar om te praten. Let op: servers ontvangen ook mail. SMTP brengt mail naar een server met mailboxen, niet alleen weg van jouw computer. Poort 25 is voor servers die mail doorsturen (veel internetproviders blokkeren die poort voor thuiscomputers, tegen spam); mailprogramma's versturen via 587, of via 465 met TLS vanaf de eerste byte.
    .rfc = RFC 5321 §3.1; RFC 6409 §3.1; RFC 8314

smtp-reply-221 = Verbinding wordt gesloten
    .text = De server neemt afscheid en sluit de verbinding.
    .rfc = RFC 5321 §4.2.3

smtp-reply-235 = Ingelogd
    .text = Inloggen gelukt; deze verbinding hoort nu bij die gebruiker.
    .rfc = RFC 4954 §6

smtp-reply-250 = OK
    .text = Het commando is gelukt.
    .rfc = RFC 5321 §4.2.3

smtp-ok-queued = Bericht aangenomen
    .text = Met deze 250 na de laatste punt neemt de server de verantwoordelijkheid voor het bericht op zich: vanaf nu moet hij het afleveren of een onbestelbaar-melding naar de envelopafzender sturen. De id is de naam die de server zelf aan het bericht geeft in zijn wachtrij.
    .rfc = RFC 5321 §4.1.1.4, §6.1

smtp-reply-252 = Kan niet controleren
    .text = De server zegt niet of de gebruiker (of de lijst) bestaat, bijvoorbeeld omdat VRFY of EXPN uitgezet is, maar hij neemt wel een bericht voor hen aan en probeert het af te leveren. Er is niets gecontroleerd.
    .rfc = RFC 5321 §3.5.3, §7.3

smtp-reply-334 = Ga door (inloggen)
    .text = De server wacht op het volgende deel van het inloggen, verstuurd als base64.
    .rfc = RFC 4954 §4

smtp-reply-354 = Stuur het bericht
    .text = De server is klaar voor de tekst van het bericht; sluit af met een regel met alleen een punt.
    .rfc = RFC 5321 §4.2.3

smtp-reply-421 = Dienst stopt
    .text = De server sluit de verbinding (te veel fouten, time-out, de server wordt afgesloten). Probeer het later opnieuw: een 4xx-code is tijdelijk.
    .rfc = RFC 5321 §4.2.3

smtp-reply-451 = Probeer het later opnieuw
    .text = Een tijdelijk probleem bij de server, soms expres (greylisting): een echte mailserver probeert het later opnieuw, veel spamprogramma's doen dat niet.
    .rfc = RFC 5321 §4.2.3

smtp-reply-452 = Te veel ontvangers / geen ruimte
    .text = Tijdelijk: de server neemt nu geen ontvangers meer aan; de client stuurt de rest in een ander bericht.
    .rfc = RFC 5321 §4.5.3.1.10

smtp-reply-500 = Commando niet begrepen
    .text = De regel is geen commando dat de server kent, of hij is te lang.
    .rfc = RFC 5321 §4.2.3

smtp-reply-501 = Verkeerde argumenten
    .text = Het commando is bekend, maar wat erachter staat klopt niet, bijvoorbeeld een verkeerd geschreven adres.
    .rfc = RFC 5321 §4.2.3

smtp-reply-502 = Niet ingebouwd
    .text = De server kent het commando, maar biedt het niet aan.
    .rfc = RFC 5321 §4.2.3

smtp-reply-503 = Verkeerde volgorde
    .text = Het commando kwam op het verkeerde moment, zoals RCPT vóór MAIL. Het antwoord zegt wat je eerst moet sturen.
    .rfc = RFC 5321 §4.1.4, §4.2.3

smtp-reply-504 = Parameter niet ingebouwd
    .text = De server ondersteunt die optie niet, bijvoorbeeld een onbekende manier van inloggen.
    .rfc = RFC 5321 §4.2.3

smtp-reply-530 = Inloggen verplicht
    .text = Deze server neemt alleen mail aan van ingelogde gebruikers: log eerst in met AUTH.
    .rfc = RFC 4954 §6

smtp-reply-535 = Inloggen mislukt
    .text = De gebruikersnaam of het wachtwoord is fout.
    .rfc = RFC 4954 §6

smtp-reply-550 = Geweigerd
    .text = Een permanente weigering, bijvoorbeeld: de mailbox bestaat niet, of de server wil jouw mail niet doorsturen. Probeer niet hetzelfde opnieuw. Een mailprogramma (of jij, als je zelf typt) krijgt alleen dit antwoord; een onbestelbaar-melding wordt alleen verstuurd door een mailserver die het bericht al had aangenomen en daarna verderop dit antwoord kreeg.
    .rfc = RFC 5321 §4.2.3, §6.1

smtp-reply-552 = Te groot
    .text = Het bericht is groter dan de server aanneemt.
    .rfc = RFC 5321 §4.2.3, §4.5.3.1.9; RFC 1870

smtp-reply-554 = Transactie mislukt
    .text = Permanente fout: de server neemt dit bericht niet aan (of, als dit antwoord de begroeting is, wil hij helemaal niet met je praten).
    .rfc = RFC 5321 §3.1, §4.2.3

smtp-reply-555 = Parameter niet herkend
    .text = Bij MAIL FROM of RCPT TO stond een optie die de server niet kent.
    .rfc = RFC 5321 §4.2.3

smtp-esc-2-0-0 = Gelukt
    .text = Het commando is gelukt; deze code voegt niets toe aan het antwoord van drie cijfers (na 252 betekent hij alleen dat de vraag beantwoord is, niet dat er iets gecontroleerd is).
    .rfc = RFC 3463 §3.1

smtp-esc-2-1-0 = Afzender OK
    .text = Het adres van de afzender is in orde.
    .rfc = RFC 3463 §3.2

smtp-esc-2-1-5 = Ontvanger OK
    .text = De server neemt deze ontvanger aan. Alleen de eigen server van de ontvanger kan weten of de mailbox bestaat. Een server die mail doorstuurt naar een ander domein, zoals Johns ISP (zijn internetprovider) voor dave.example, neemt elk goed geschreven adres aan. Hij merkt pas dat een adres fout is als hij het bericht doorstuurt.
    .rfc = RFC 3463 §3.2

smtp-esc-2-7-0 = Beveiliging OK
    .text = Inloggen gelukt.
    .rfc = RFC 3463 §3.8, RFC 4954

smtp-esc-4-4-2 = Verbinding verbroken
    .text = De verbinding kreeg een time-out of ging kapot; probeer het opnieuw.
    .rfc = RFC 3463 §3.5

smtp-esc-4-5-3 = Te veel ontvangers
    .text = Stuur de overige ontvangers in een andere transactie.
    .rfc = RFC 3463 §3.6

smtp-esc-4-7-0 = Beveiliging of beleid, tijdelijk
    .text = Een tijdelijk probleem met het beleid van de server, hier: te veel fouten in deze sessie.
    .rfc = RFC 3463 §3.8

smtp-esc-4-7-1 = Afleveren niet toegestaan, tijdelijk
    .text = Het beleid zegt: nu niet, bijvoorbeeld door greylisting; probeer het later opnieuw. Het is gebruikelijk om 4.7.1 voor greylisting te gebruiken, hoewel RFC 3463 X.7.1 beschrijft als alleen bruikbaar voor een permanente fout.
    .rfc = RFC 3463 §3.8

smtp-esc-5-0-0 = Andere fout
    .text = Een permanente fout zonder preciezere code, hier: het inloggen is afgebroken.
    .rfc = RFC 3463 §3.1

smtp-esc-5-1-1 = Mailbox bestaat niet
    .text = De naam van de ontvanger is niet bekend bij dat domein.
    .rfc = RFC 3463 §3.2

smtp-esc-5-1-3 = Fout ontvangeradres
    .text = Het adres van de ontvanger is niet goed geschreven.
    .rfc = RFC 3463 §3.2

smtp-esc-5-1-7 = Fout afzenderadres
    .text = Het adres van de afzender is niet goed geschreven.
    .rfc = RFC 3463 §3.2

smtp-esc-5-3-4 = Bericht te groot
    .text = Het bericht is groter dan deze server aanneemt.
    .rfc = RFC 3463 §3.4

smtp-esc-5-5-1 = Ongeldig commando
    .text = Het commando is hier of nu niet toegestaan.
    .rfc = RFC 3463 §3.6

smtp-esc-5-5-2 = Syntaxfout
    .text = De commandoregel was niet te begrijpen.
    .rfc = RFC 3463 §3.6

smtp-esc-5-5-4 = Ongeldige argumenten
    .text = De argumenten of opties van het commando kloppen niet.
    .rfc = RFC 3463 §3.6

smtp-esc-5-5-6 = Inlogregel te lang
    .text = Een regel bij het inloggen was langer dan de server aanneemt.
    .rfc = RFC 4954 §6

smtp-esc-5-6-0 = Foute inhoud
    .text = Iets in het bericht zelf is niet acceptabel.
    .rfc = RFC 3463 §3.7

smtp-esc-5-7-0 = Beveiliging of beleid
    .text = Geweigerd om een veiligheidsreden, hier: log eerst in.
    .rfc = RFC 3463 §3.8

smtp-esc-5-7-1 = Niet toegestaan
    .text = Het beleid verbiedt dit, bijvoorbeeld mail doorsturen voor onbekenden.
    .rfc = RFC 3463 §3.8

smtp-esc-5-7-8 = Verkeerde inloggegevens
    .text = De inloggegevens zijn niet geldig.
    .rfc = RFC 4954 §6

smtp-ext-PIPELINING = Uitbreiding: pipelining
    .text = De client mag meerdere commando's (bijvoorbeeld MAIL, RCPT en DATA) sturen zonder op elk antwoord te wachten; de server beantwoordt ze op volgorde. Dat scheelt wachten op trage netwerken.
    .rfc = RFC 2920

smtp-ext-SIZE = Uitbreiding: maximale grootte
    .text = Het getal is het grootste bericht dat deze server aanneemt, in bytes. Een client kan met MAIL FROM:<...> SIZE=n zeggen hoe groot zijn bericht is. Zo wordt een bericht dat te groot is al geweigerd voordat het verstuurd is.
    .rfc = RFC 1870

smtp-ext-8BITMIME = Uitbreiding: 8-bits tekst
    .text = De server neemt berichttekst aan met bytes boven 127 (bijvoorbeeld letters zoals é) als de client BODY=8BITMIME achter MAIL FROM schrijft. Zonder deze uitbreiding moet berichttekst gewone 7-bits ASCII zijn.
    .rfc = RFC 6152

smtp-ext-ENHANCEDSTATUSCODES = Uitbreiding: uitgebreide statuscodes
    .text = Antwoorden hebben na de code van drie cijfers een tweede, preciezere code, zoals 5.1.1 voor "mailbox bestaat niet". Het eerste cijfer is de klasse: 2 gelukt, 4 tijdelijke fout, 5 permanente fout.
    .rfc = RFC 2034; RFC 3463

smtp-ext-AUTH = Uitbreiding: inloggen
    .text = De woorden na AUTH zijn de inlogmethoden die de server aanbiedt, hier PLAIN en LOGIN. Allebei sturen ze het wachtwoord alleen in base64, en dat kan iedereen decoderen. Daarom bieden echte servers ze alleen aan na TLS; MailSim slaat TLS over, zodat je de regels kunt lezen.
    .rfc = RFC 4954 §3, §4

smtp-ext-HELP = Hulp beschikbaar
    .text = De server laat weten dat hij op het commando HELP antwoordt met een korte beschrijving van zijn commando's.
    .rfc = RFC 5321 §4.1.1.8

smtp-error-line_too_long = Commandoregel te lang
    .text = Een commandoregel mag maximaal 512 tekens lang zijn, CRLF meegeteld. De server gooit de rest van de regel weg en gaat verder.
    .rfc = RFC 5321 §4.5.3.1.4

smtp-error-auth_line_too_long = Inlogregel te lang
    .text = Een regel bij het inloggen was te lang; de inlogpoging wordt afgebroken.
    .rfc = RFC 4954 §4

smtp-error-text_line_too_long = Berichtregel te lang
    .text = Een regel van het bericht mag maximaal 1000 tekens lang zijn, CRLF meegeteld. MailSim weigert dan het bericht, in plaats van regels af te knippen.
    .rfc = RFC 5321 §4.5.3.1.6

smtp-error-bare_lf = Losse LF of CR in het bericht
    .text = Elke regel moet eindigen op CR LF. MailSim weigert berichten met een losse LF of CR: zulke regeleinden zijn de truc achter "SMTP smuggling", waarbij een vals einde van het bericht een tweede, vervalst bericht verbergt.
    .rfc = RFC 5321 §2.3.8, §4.1.1.4

smtp-error-bad_sequence = Commando in de verkeerde volgorde
    .text = SMTP heeft een vaste volgorde: EHLO, dan MAIL, dan RCPT, dan DATA. Het antwoord noemt wat je eerst moet sturen. Twee veelvoorkomende gevallen: DATA terwijl er geen RCPT is aangenomen (er is niemand aan wie het bericht kan worden afgeleverd), en een reeks commando's via pipelining waarvan de MAIL is geweigerd: de RCPT en DATA die ermee zijn meegestuurd, krijgen dan elk ook 503, omdat er geen transactie is begonnen.
    .rfc = RFC 5321 §4.1.4; RFC 2920 §3.1

smtp-error-relay_denied = Doorsturen geweigerd
    .text = Deze server neemt alleen mail aan voor zijn eigen domeinen, behalve als je een van zijn gebruikers bent (ingelogd, of op zijn netwerk). Anders zou iedereen hem kunnen gebruiken om spam te versturen: een "open relay".
    .rfc = RFC 5321 §3.6.2, §7.9

smtp-error-auth_required = Eerst inloggen
    .text = Op de verzendpoort (587), die mailprogramma's gebruiken, moet je inloggen voordat je verstuurt. Poort 25 is voor servers die mail naar elkaar doorsturen.
    .rfc = RFC 6409 §4.3, RFC 4954

smtp-error-auth_failed = Inloggen mislukt
    .text = De gebruikersnaam of het wachtwoord was fout.
    .rfc = RFC 4954 §6

smtp-error-auth_cancelled = Inloggen afgebroken
    .text = De client stuurde "*" om het inloggen af te breken.
    .rfc = RFC 4954 §4

smtp-error-auth_bad_base64 = Inloggegevens niet in base64
    .text = Antwoorden tijdens het inloggen moeten in base64 gecodeerd zijn.
    .rfc = RFC 4954 §4

smtp-error-auth_mechanism = Onbekende inlogmethode
    .text = De server biedt alleen de methoden aan die in zijn antwoord op EHLO achter AUTH staan.
    .rfc = RFC 4954 §4

smtp-error-too_many_errors = Te veel fouten
    .text = Na te veel foute commando's verbreekt de server de verbinding, om zichzelf te beschermen tegen kapotte of vijandige clients.
    .rfc = RFC 5321 §4.3.2 (421)

smtp-error-too_many_recipients = Te veel ontvangers
    .text = De server neemt per bericht maar een beperkt aantal ontvangers aan (die grens is minstens 100); de client stuurt de rest later.
    .rfc = RFC 5321 §4.5.3.1.8

smtp-error-message_too_large = Bericht te groot
    .text = Het bericht is groter dan de grootte die de server in zijn SIZE-uitbreiding heeft aangekondigd.
    .rfc = RFC 1870 §6

smtp-error-unknown_command = Onbekend commando
    .text = De server kent dit commando niet. De servers van MailSim bieden geen STARTTLS aan (overschakelen naar een versleutelde verbinding), zodat elke regel leesbaar blijft; echte servers bieden het wel aan, en willen het vóór AUTH.
    .rfc = RFC 5321 §4.2.4; RFC 3207

smtp-error-syntax = Syntaxfout
    .text = Het commando is bekend, maar verkeerd geschreven; HELP laat de juiste vorm zien.
    .rfc = RFC 5321 §4.1.1

smtp-error-bad_address = Verkeerd geschreven adres
    .text = Adressen in commando's staan tussen < en >, zoals <dave@dave.example>.
    .rfc = RFC 5321 §4.1.2

smtp-error-path_too_long = Adres te lang
    .text = De naam vóór de @ mag maximaal 64 tekens zijn en het domein maximaal 255. Het hele pad mag maximaal 256 tekens zijn, maar daarbij tellen de < en > mee, dus een adres zelf kan maximaal 254 tekens zijn.
    .rfc = RFC 5321 §4.5.3.1.1-3

smtp-error-unknown_param = Onbekende optie
    .text = Bij MAIL FROM of RCPT TO stond een optie die de server niet in zijn antwoord op EHLO had aangekondigd.
    .rfc = RFC 5321 §4.1.1.11

smtp-error-unknown_user = Mailbox bestaat niet
    .text = De server beheert dit domein, maar daar woont niemand met die naam.
    .rfc = RFC 5321 §3.3, §4.2.3; RFC 3463 §3.2

smtp-error-not_implemented = Commando uitgezet
    .text = De server kent dit commando, maar biedt het niet aan.
    .rfc = RFC 5321 §4.2.4

smtp-error-timeout = Time-out
    .text = De client zei te lang niets (5 minuten), dus de server gaf het op.
    .rfc = RFC 5321 §4.5.3.2.7

smtp-error-policy = Geweigerd door het beleid van de server
    .text = De eigen regels van de server (bijvoorbeeld greylisting of een inhoudsfilter) hebben dit geweigerd.
    .rfc = RFC 5321 §7

pop3-cmd-USER = USER: wie ben je?
    .text = Het mailprogramma noemt de mailbox die het wil openen. Het praat met een POP3-server (poort 110), die de mailbox leest waarin de SMTP-server de mail heeft afgeleverd; POP3 praat nooit met de SMTP-server. Bij Johns ISP heeft de POP3-dienst een eigen naam, pop.isp.example, ook al draait die op dezelfde machine als smtp.isp.example.
    .rfc = RFC 1939 §7

pop3-cmd-PASS = PASS: het wachtwoord
    .text = Wordt direct na USER gestuurd. Gewoon POP3 (zonder versleuteling) stuurt het wachtwoord als leesbare tekst; daarom eisen echte servers eerst TLS (STLS op poort 110, of TLS vanaf het begin op poort 995). MailSim slaat TLS over, zodat je elke regel kunt lezen.
    .rfc = RFC 1939 §7; RFC 2595; RFC 8314

pop3-cmd-APOP = APOP: inloggen zonder het wachtwoord te versturen
    .text = De client stuurt een MD5-hash (digest) van de tijdstempel uit de begroeting plus het gedeelde geheim. Zo gaat het wachtwoord zelf nooit over het netwerk, en is een oude hash nutteloos bij een nieuwe verbinding. Maar APOP is verouderd: MD5 is zwak, en wie de begroeting en de hash opvangt en bewaart, kan offline gegokte wachtwoorden testen, zo snel als zijn computer toelaat. Echte servers gebruiken in plaats daarvan TLS.
    .rfc = RFC 1939 §7, §13

pop3-cmd-QUIT = QUIT: de sessie beëindigen
    .text = Vóór het inloggen (de toestand Authorization) zegt QUIT alleen gedag. Na het inloggen (de toestand Transaction) zet QUIT de server in de toestand Update, en pas dan worden berichten die met DELE gemarkeerd zijn echt verwijderd.
    .rfc = RFC 1939 §4, §6

pop3-cmd-STAT = STAT: hoeveel mail?
    .text = Vraagt het aantal berichten en hun totale grootte in octetten (bytes). Berichten die als verwijderd gemarkeerd zijn, tellen niet mee.
    .rfc = RFC 1939 §5

pop3-cmd-LIST = LIST: groottes van berichten
    .text = Zonder nummer geeft dit elk bericht met zijn grootte; met een nummer alleen dat ene bericht. Berichtnummers beginnen bij 1 en blijven de hele sessie hetzelfde.
    .rfc = RFC 1939 §5

pop3-cmd-RETR = RETR: een bericht downloaden
    .text = Stuurt het hele bericht. Regels die met '.' beginnen, krijgen onderweg een extra '.' (byte-stuffing), en een regel met alleen '.' sluit het bericht af. Downloaden verwijdert het bericht niet.
    .rfc = RFC 1939 §5

pop3-cmd-DELE = DELE: markeren om te verwijderen
    .text = Markeert een bericht als verwijderd. Er wordt nog niets weggehaald: dat gebeurt pas in de toestand Update na QUIT. Een verbroken verbinding of RSET verwijdert dus niets.
    .rfc = RFC 1939 §5

pop3-cmd-NOOP = NOOP: ben je er nog?
    .text = Doet niets behalve een +OK opleveren. Zo krijgt de verbinding geen time-out.
    .rfc = RFC 1939 §5

pop3-cmd-RSET = RSET: verwijderen ongedaan maken
    .text = Haalt de markering weg bij elk bericht dat in deze sessie met DELE gemarkeerd is.
    .rfc = RFC 1939 §5

pop3-cmd-TOP = TOP: even in een bericht kijken
    .text = Stuurt de headers van een bericht, de lege regel, en alleen de eerste n regels van de berichttekst. Zo kan een programma een voorproefje van de mail laten zien zonder alles te downloaden.
    .rfc = RFC 1939 §7

pop3-cmd-UIDL = UIDL: unieke id's
    .text = Geeft elk bericht een id die tussen sessies nooit verandert. Mailprogramma's die mail op de server laten staan, onthouden deze id's, zodat ze hetzelfde bericht niet twee keer downloaden.
    .rfc = RFC 1939 §7

pop3-cmd-CAPA = CAPA: wat kun je?
    .text = Vraagt de server om een lijst van de extra mogelijkheden die hij ondersteunt, zoals TOP, UIDL en PIPELINING.
    .rfc = RFC 2449 §5

pop3-ok-greeting = Begroeting
    .text = De server is klaar, en de sessie is in de toestand Authorization: de client moet zich nu bekendmaken met USER en PASS (of APOP). Het deel <...> is een tijdstempel die bij elke verbinding anders is; APOP gebruikt die om in te loggen zonder het wachtwoord te versturen.
    .rfc = RFC 1939 §3, §4, §7

pop3-ok-user = Naam aangenomen
    .text = De server wacht op PASS. Hij zegt +OK tegen elke naam, zodat onbekenden niet kunnen uitzoeken welke mailboxen er bestaan.
    .rfc = RFC 1939 §7

pop3-ok-logged_in = Ingelogd, mailbox vergrendeld
    .text = Het wachtwoord klopte. De server heeft de mailbox vergrendeld, zodat geen andere sessie hem kan veranderen, en is naar de toestand Transaction gegaan.
    .rfc = RFC 1939 §4

pop3-ok-capa = Lijst met mogelijkheden
    .text = Een lijst van meerdere regels met extra mogelijkheden, afgesloten met een regel met alleen een '.'.
    .rfc = RFC 2449 §5, §6

pop3-ok-stat = Overzicht van de mailbox
    .text = Twee getallen: hoeveel berichten, en hoeveel octetten (bytes) ze samen innemen, precies zoals ze opgeslagen zijn, met CRLF aan het eind van elke regel.
    .rfc = RFC 1939 §5, §11

pop3-ok-list = Overzicht per bericht
    .text = Berichtnummer en precieze grootte in octetten. Berichten die als verwijderd gemarkeerd zijn, staan er niet bij.
    .rfc = RFC 1939 §5

pop3-ok-retr = Hier is het bericht
    .text = Het bericht volgt, met byte-stuffing, en eindigt met een regel met alleen '.'. De kopie op de server blijft staan, behalve als de client DELE en daarna QUIT stuurt.
    .rfc = RFC 1939 §5

pop3-ok-top = Begin van het bericht
    .text = De headers, een lege regel, en het gevraagde aantal regels van de berichttekst.
    .rfc = RFC 1939 §7

pop3-ok-dele = Gemarkeerd als verwijderd
    .text = Het bericht is alleen gemarkeerd. Het verdwijnt pas als de sessie na QUIT de toestand Update bereikt.
    .rfc = RFC 1939 §5

pop3-ok-noop = Niets gedaan
    .text = De server is er nog.
    .rfc = RFC 1939 §5

pop3-ok-rset = Verwijderen ongedaan gemaakt
    .text = Elk bericht dat in deze sessie gemarkeerd was, is terug.
    .rfc = RFC 1939 §5

pop3-ok-uidl = Lijst met unieke id's
    .text = Berichtnummer en de unieke id van het bericht, die in elke sessie hetzelfde blijft.
    .rfc = RFC 1939 §7

pop3-ok-quit = Tot ziens (niets verwijderd)
    .text = QUIT vóór het inloggen: de server sluit de verbinding zonder de mailbox aan te raken. (Na het inloggen leidt QUIT in plaats daarvan naar de toestand Update.)
    .rfc = RFC 1939 §4

pop3-ok-quit_update = Tot ziens na Update
    .text = De server was in de toestand Update: hij heeft de berichten die met DELE gemarkeerd waren verwijderd, de mailbox ontgrendeld en de verbinding gesloten.
    .rfc = RFC 1939 §6

pop3-err-wrong_state = Nu niet toegestaan
    .text = Elk commando werkt alleen in bepaalde toestanden: USER, PASS en APOP vóór het inloggen; STAT, LIST, RETR en de rest daarna. Het antwoord noemt de commando's die nu geldig zijn.
    .rfc = RFC 1939 §3

pop3-err-pass_without_user = PASS vóór USER
    .text = De server weet niet van wie dit wachtwoord is: stuur eerst USER.
    .rfc = RFC 1939 §7

pop3-err-auth_failed = Inloggen mislukt
    .text = Verkeerde naam of verkeerd wachtwoord (of verkeerde APOP-hash). De server zegt niet wat er fout is, zodat raden moeilijker is; [AUTH] geeft aan dat het om een probleem met de inloggegevens gaat.
    .rfc = RFC 1939 §7, RFC 3206 §5

pop3-err-too_many_failures = Te veel mislukte inlogpogingen
    .text = Na een aantal verkeerde wachtwoorden verbreekt de server de verbinding, om het raden van wachtwoorden te vertragen.
    .rfc = RFC 1939 §4

pop3-err-locked = Mailbox in gebruik
    .text = Een andere sessie heeft deze mailbox al open en vergrendeld, dus deze sessie mag hem niet veranderen; [IN-USE] vertelt het mailprogramma dat het later opnieuw moet proberen.
    .rfc = RFC 1939 §4; RFC 2449 §8.1.2

pop3-err-no_maildrop = Geen mailbox
    .text = Het inloggen is geaccepteerd, maar er is geen mailbox om te openen.
    .rfc = RFC 1939 §7, RFC 3206 §4

pop3-err-apop_disabled = APOP niet aangeboden
    .text = In de begroeting van deze server stond geen tijdstempel, dus APOP kan niet werken; gebruik USER en PASS.
    .rfc = RFC 1939 §7

pop3-err-no_such_message = Bericht bestaat niet
    .text = Berichtnummers lopen van 1 tot het aantal berichten op het moment dat je inlogde; 0 of een groter getal bestaat niet.
    .rfc = RFC 1939 §5

pop3-err-already_deleted = Al verwijderd
    .text = Dat bericht is in deze sessie met DELE gemarkeerd, dus het kan niet meer gelezen en ook niet opnieuw gemarkeerd worden (RSET haalt het terug).
    .rfc = RFC 1939 §5

pop3-err-not_a_number = Geen berichtnummer
    .text = Berichtnummers zijn gewone positieve getallen zoals 1 of 2, geen woorden of negatieve getallen.
    .rfc = RFC 1939 §5

pop3-err-syntax = Verkeerd opgebouwd commando
    .text = Eerst een trefwoord, dan argumenten gescheiden door één spatie, elk maximaal 40 tekens, en wel het juiste aantal.
    .rfc = RFC 1939 §3

pop3-err-unknown_command = Onbekend commando
    .text = De server kent dit trefwoord niet. De sessie gaat gewoon door.
    .rfc = RFC 1939 §3

pop3-err-line_too_long = Regel te lang
    .text = Een commandoregel mag maximaal 255 bytes zijn, CRLF meegeteld. De server gooit de regel weg en de sessie gaat door.
    .rfc = RFC 2449 §4

pop3-err-autologout = Automatisch uitgelogd
    .text = Er werd te lang niets gestuurd (minstens 10 minuten), dus de server sloot de verbinding zonder naar Update te gaan: niets wat met DELE gemarkeerd is, wordt verwijderd.
    .rfc = RFC 1939 §3

pop3-err-connection_lost = Verbinding verbroken
    .text = De verbinding viel weg vóór QUIT, dus de server kwam nooit in Update en verwijderde niets; de mailbox is ontgrendeld.
    .rfc = RFC 1939 §6

pop3-state-Transaction = Toestand Transaction
    .text = Ingelogd, met de mailbox vergrendeld: de client kan een lijst van berichten opvragen, berichten lezen en ze markeren om te verwijderen. (RFC 1939 schrijft de namen van de drie toestanden in hoofdletters: AUTHORIZATION, TRANSACTION, UPDATE.)
    .rfc = RFC 1939 §3, §5

pop3-state-Update = Toestand Update
    .text = Alleen te bereiken met QUIT vanuit Transaction: de server verwijdert nu echt de gemarkeerde berichten en ontgrendelt de mailbox.
    .rfc = RFC 1939 §3, §6

pop3-state-Closed = Gesloten
    .text = De sessie is voorbij en de verbinding is gesloten.
    .rfc = RFC 1939 §3

imap-cmd-CAPABILITY = CAPABILITY: wat kun je?
    .text = Vraagt de server om de mogelijkheden op te noemen die hij ondersteunt, zoals IDLE of MOVE. Elk commando begint met een tag zoals a1, die de server herhaalt in zijn afsluitende antwoord.
    .rfc = RFC 9051 §6.1.1

imap-cmd-NOOP = NOOP: iets nieuws?
    .text = Doet niets, maar de server grijpt de kans om veranderingen te melden: nieuwe mail (EXISTS), verwijderde mail (EXPUNGE) en veranderde vlaggen.
    .rfc = RFC 9051 §6.1.2

imap-cmd-LOGOUT = LOGOUT: tot ziens
    .text = Beëindigt de sessie. De server antwoordt * BYE en dan OK, en sluit de verbinding. Anders dan bij QUIT van POP3 wordt er niets verwijderd: de mail blijft op de server.
    .rfc = RFC 9051 §6.1.3

imap-cmd-LOGIN = LOGIN: naam en wachtwoord
    .text = Logt in met een gebruikersnaam en wachtwoord op één regel. Zonder TLS is het wachtwoord op het netwerk te lezen; echte servers staan dit alleen toe binnen TLS (poort 993). MailSim slaat TLS over, zodat je elke regel kunt lezen.
    .rfc = RFC 9051 §6.2.3; RFC 8314

imap-cmd-AUTHENTICATE = AUTHENTICATE PLAIN
    .text = Logt in met SASL: de client stuurt een NUL-teken, de gebruikersnaam, een NUL-teken en het wachtwoord, samen in base64 gecodeerd, na de + van de server of op dezelfde regel (SASL-IR). Base64 is geen versleuteling.
    .rfc = RFC 9051 §6.2.2; RFC 4616; RFC 4959

imap-cmd-ENABLE = ENABLE: een functie aanzetten
    .text = Vertelt de server dat de client een nieuwere werkwijze begrijpt. ENABLE IMAP4rev2 schakelt over van de oude regels uit de jaren 90 (IMAP4rev1) naar de huidige.
    .rfc = RFC 9051 §6.3.1; RFC 5161

imap-cmd-SELECT = SELECT: een map openen
    .text = Opent een mailbox (map) om met de berichten erin te werken. De server vertelt hoeveel berichten er zijn, welke vlaggen er bestaan, en de UIDVALIDITY en UIDNEXT van de map.
    .rfc = RFC 9051 §6.3.2

imap-cmd-EXAMINE = EXAMINE: een map openen om alleen te lezen
    .text = Zoals SELECT, maar er kan niets veranderd worden: als je een bericht leest, krijgt het niet eens de vlag \Seen.
    .rfc = RFC 9051 §6.3.3

imap-cmd-CREATE = CREATE: een map maken
    .text = Maakt een nieuwe map. Mappen staan op de server, dus elk apparaat ziet ze; bij POP3 is er maar één inbox.
    .rfc = RFC 9051 §6.3.4

imap-cmd-DELETE = DELETE: een map verwijderen
    .text = Verwijdert een map met de berichten erin. INBOX kan niet verwijderd worden.
    .rfc = RFC 9051 §6.3.5

imap-cmd-RENAME = RENAME: een map hernoemen
    .text = Geeft een map een nieuwe naam. INBOX hernoemen is een speciaal geval: de berichten gaan naar de nieuwe map en INBOX blijft bestaan, leeg.
    .rfc = RFC 9051 §6.3.6

imap-cmd-LIST = LIST: welke mappen zijn er?
    .text = Noemt de mappen waarvan de naam past bij een patroon: * past bij alles, % bij alles tot aan de volgende /. Kenmerken zoals \Sent of \Trash zeggen waar een map voor is.
    .rfc = RFC 9051 §6.3.9; RFC 6154

imap-cmd-STATUS = STATUS: tellen zonder te openen
    .text = Vraagt hoeveel berichten (of ongelezen berichten) een map heeft, zonder de map te selecteren. Mailprogramma's gebruiken dit om naast elke map het aantal ongelezen berichten te laten zien.
    .rfc = RFC 9051 §6.3.11

imap-cmd-APPEND = APPEND: een bericht in een map zetten
    .text = Uploadt een heel bericht naar een map, bijvoorbeeld een kopie van verzonden mail naar Sent. Het bericht gaat mee als literal: {"{"}grootte{"}"}, en daarna precies zoveel bytes.
    .rfc = RFC 9051 §6.3.12

imap-cmd-IDLE = IDLE: laat het me weten als er mail komt
    .text = De client wacht, en de server stuurt uit zichzelf nieuws (zoals * 4 EXISTS) op het moment dat het gebeurt. Zo laat de telefoon nieuwe mail meteen zien, in plaats van om de paar minuten te vragen. DONE beëindigt het.
    .rfc = RFC 9051 §6.3.13; RFC 2177

imap-cmd-CHECK = CHECK: controlepunt (oud)
    .text = Een commando uit IMAP4rev1 dat de server vroeg om zijn toestand op te slaan. IMAP4rev2 heeft het geschrapt; hier werkt het zoals NOOP.
    .rfc = RFC 3501 §6.4.1; RFC 9051 Appendix E

imap-cmd-CLOSE = CLOSE: de map sluiten
    .text = Sluit de geselecteerde map en verwijdert zonder melding de berichten met de vlag \Deleted (behalve als de map met EXAMINE geopend is).
    .rfc = RFC 9051 §6.4.1

imap-cmd-UNSELECT = UNSELECT: sluiten zonder te verwijderen
    .text = Sluit de geselecteerde map zonder de berichten met de vlag \Deleted te verwijderen.
    .rfc = RFC 9051 §6.4.2

imap-cmd-EXPUNGE = EXPUNGE: verwijderde mail echt weghalen
    .text = Verwijdert elk bericht met de vlag \Deleted voorgoed. Elke verwijdering wordt gemeld als * n EXPUNGE, en de berichten daarna krijgen elk een nummer lager.
    .rfc = RFC 9051 §6.4.3

imap-cmd-SEARCH = SEARCH: berichten zoeken
    .text = Zoekt berichten op vlaggen (UNSEEN), op woorden in headers (FROM john, SUBJECT hello) of in de berichttekst (BODY), gecombineerd met NOT en OR. De server doet het zoekwerk, dus de telefoon hoeft niet alles te downloaden.
    .rfc = RFC 9051 §6.4.4

imap-cmd-FETCH = FETCH: delen van berichten ophalen
    .text = Vraagt om vlaggen, grootte, de envelop (wie, aan wie, onderwerp) of het bericht zelf. BODY[] geeft het bericht de vlag \Seen; BODY.PEEK[] leest het zonder dat te doen.
    .rfc = RFC 9051 §6.4.5

imap-cmd-STORE = STORE: vlaggen veranderen
    .text = Voegt vlaggen zoals \Seen of \Deleted toe (+FLAGS), haalt ze weg (-FLAGS) of stelt ze in (FLAGS). Elk ander apparaat ziet de verandering, omdat de vlaggen op de server staan.
    .rfc = RFC 9051 §6.4.6

imap-cmd-COPY = COPY: naar een andere map kopiëren
    .text = Kopieert berichten naar een andere map, met hun vlaggen. COPYUID in het antwoord zegt welke nieuwe UID's de kopieën hebben gekregen.
    .rfc = RFC 9051 §6.4.7

imap-cmd-MOVE = MOVE: naar een andere map verplaatsen
    .text = Kopieert berichten naar een andere map en verwijdert ze hier definitief (expunge), in één stap.
    .rfc = RFC 9051 §6.4.8; RFC 6851

imap-cmd-UID_SEARCH = UID SEARCH
    .text = SEARCH, maar het antwoord noemt UID's (nummers die nooit veranderen) in plaats van berichtnummers (die verschuiven als er berichten worden weggehaald).
    .rfc = RFC 9051 §6.4.9

imap-cmd-UID_FETCH = UID FETCH
    .text = FETCH, maar de berichten worden aangewezen met hun UID. Mailprogramma's die synchroniseren gebruiken UID's, omdat berichtnummers veranderen als er iets definitief verwijderd wordt (expunge).
    .rfc = RFC 9051 §6.4.9

imap-cmd-UID_STORE = UID STORE
    .text = STORE, maar de berichten worden aangewezen met hun UID.
    .rfc = RFC 9051 §6.4.9

imap-cmd-UID_COPY = UID COPY
    .text = COPY, maar de berichten worden aangewezen met hun UID.
    .rfc = RFC 9051 §6.4.9

imap-cmd-UID_MOVE = UID MOVE
    .text = MOVE, maar de berichten worden aangewezen met hun UID.
    .rfc = RFC 9051 §6.4.9; RFC 6851

imap-cmd-UID_EXPUNGE = UID EXPUNGE: alleen deze verwijderen
    .text = Verwijdert van de berichten met de vlag \Deleted alleen de genoemde UID's definitief. Zo wordt een bericht dat een ander apparaat heeft gemarkeerd niet onverwacht weggehaald.
    .rfc = RFC 9051 §6.4.9

imap-ok-greeting = Begroeting
    .text = De server is klaar en noemt tussen blokhaken al wat hij kan. De * betekent een antwoord zonder tag: geen antwoord op een commando. De sessie is in de toestand Not Authenticated: de client moet inloggen (LOGIN of AUTHENTICATE) voordat hij mail kan zien.
    .rfc = RFC 9051 §3.1, §7.1.1

imap-ok-capability = CAPABILITY klaar
    .text = De OK met tag sluit het commando af; de lijst kwam net daarvoor, in de regel * CAPABILITY zonder tag.
    .rfc = RFC 9051 §6.1.1

imap-ok-noop = Verder niets te melden
    .text = Klaar. Nieuws over de geselecteerde map kwam in de regels zonder tag vóór deze regel.
    .rfc = RFC 9051 §6.1.2

imap-ok-logout = Uitgelogd
    .text = De sessie is voorbij. De mail blijft op de server staan voor het volgende bezoek, vanaf dit apparaat of een ander.
    .rfc = RFC 9051 §6.1.3

imap-ok-logged_in = Ingelogd
    .text = Het wachtwoord klopte: de sessie is nu in de toestand Authenticated en kan mappen openen.
    .rfc = RFC 9051 §6.2.3, §7.1

imap-ok-enable = Aangezet
    .text = De uitbreidingen die de server heeft aangezet, stonden in * ENABLED.
    .rfc = RFC 5161 §3.2

imap-ok-select = Map open (lezen en schrijven)
    .text = De map is geselecteerd; [READ-WRITE] betekent dat vlaggen veranderd en berichten definitief verwijderd kunnen worden.
    .rfc = RFC 9051 §6.3.2

imap-ok-examine = Map open (alleen lezen)
    .text = De map is geselecteerd met EXAMINE; [READ-ONLY] betekent dat er niets in kan veranderen.
    .rfc = RFC 9051 §6.3.3

imap-ok-closed = Vorige map gesloten
    .text = Als je een nieuwe map selecteert, wordt eerst de oude gesloten, zonder de berichten met \Deleted te verwijderen; [CLOSED] markeert dat punt.
    .rfc = RFC 9051 §7.1

imap-ok-permanentflags = Vlaggen die blijven
    .text = Welke vlaggen de client blijvend mag veranderen. Hier: de vijf systeemvlaggen, en geen zelfbedachte trefwoorden.
    .rfc = RFC 9051 §7.1

imap-ok-unseen = Eerste ongelezen bericht
    .text = Het nummer van het eerste bericht zonder de vlag \Seen (alleen IMAP4rev1-clients krijgen dit).
    .rfc = RFC 3501 §7.1

imap-ok-uidvalidity = UIDVALIDITY
    .text = Een getal voor de UID's van deze map. Zolang het hetzelfde blijft, betekent een UID altijd hetzelfde bericht; als het verandert, moet de client vergeten wat hij in zijn cache heeft bewaard.
    .rfc = RFC 9051 §2.3.1.1

imap-ok-uidnext = UIDNEXT
    .text = De UID die het volgende bericht in deze map krijgt. Als die sinds de vorige keer veranderd is, is er nieuwe mail binnengekomen.
    .rfc = RFC 9051 §2.3.1.1

# Nederlandse vertaling van MailSim explain-part2 (uitleg bij protocolregels).
# Termenlijst (ook in terms-explain-part2.md); afgestemd op deel 1 (terms-explain-part1.md):
# envelope = envelop; envelope sender = envelopafzender; envelope recipient = envelopontvanger
# relay (werkwoord) = doorsturen; a relay (server die doorstuurt) = doorstuurserver
# bounce = onbestelbaar-melding; to bounce a message = een onbestelbaar-melding sturen
# queue = wachtrij; queued = in de wachtrij gezet
# mailbox = mailbox (mv. mailboxen); IMAP mailbox/folder = map; INBOX blijft INBOX
# mail server / mail host = mailserver; server = server; host = host; client = client
# mail program = mailprogramma; device = apparaat
# domain = domein; subdomain = subdomein; main / organisational domain = hoofddomein (organisatiedomein)
# greylisting = greylisting (komt in dit deel niet voor)
# header = header (mv. headers); header field = headerveld; From line = de regel From:; From domain = From-domein
# spam filter = spamfilter; spam = spam; spam folder = spammap
# sender = afzender; recipient = ontvanger; receiver / receiving server = ontvangende server
# null sender <> = lege afzender <>
# delivery status notification = afleverstatusmelding
# message = bericht; mail = mail; e-mail = e-mail
# flag = vlag; tag = tag; untagged = zonder tag; literal = literal; mark as deleted = markeren als verwijderd
# session = sessie; connection = verbinding; state = toestand (namen Authenticated, Selected, Logout, Update blijven Engels)
# expunge = definitief verwijderen; fetch = ophalen; download = downloaden
# log in = inloggen; user name = gebruikersnaam; password = wachtwoord
# reply / answer = antwoord; command = commando; enhanced status code = uitgebreide statuscode
# temporary / permanent failure = tijdelijke / permanente fout; retry = nieuwe poging; timeout = time-out
# extension = uitbreiding; capability list = lijst met mogelijkheden; attribute = kenmerk; lock = vergrendelen
# signature = handtekening; private key = privésleutel; public key = publieke sleutel; hash = hash
# aligned = in lijn; alignment = uitlijning; relaxed = relaxed (trefwoord, blijft Engels)
# body = berichttekst; lookup = DNS-lookup; ISP = ISP (internetprovider)
# bare LF = losse LF; injected fault = opzettelijke fout; mailing list = mailinglijst; backup MX = back-up-MX
# placeholders in voorbeelden zijn vertaald (oud/nieuw, grootte, ander-domein, naam, domein); letterlijke delen (_dmarc, _domainkey, Work/2026, Sent, INBOX) niet; selector blijft selector
# forger = vervalser; forged = vervalst
# MailSim simplifies = MailSim vereenvoudigt / in MailSim ...; in reality = in werkelijkheid
# tweede lezing (review.md): IMAP mailbox = map overal (alleen SELECT houdt de uitleg "mailbox (map)"); deliver = afleveren (niet bezorgen)
# pipelining batch = reeks commando's; fake end of message = vals einde van het bericht; Too many failed logins = Te veel mislukte inlogpogingen

imap-ok-create = Map aangemaakt
    .text = De nieuwe map bestaat nu, op de server, voor elk apparaat.
    .rfc = RFC 9051 §6.3.4

imap-ok-delete = Map verwijderd
    .text = De map en de berichten erin zijn weg.
    .rfc = RFC 9051 §6.3.5

imap-ok-rename = Map hernoemd
    .text = De map heeft nu de nieuwe naam.
    .rfc = RFC 9051 §6.3.6

imap-ok-list = Lijst met mappen klaar
    .text = De mappen die passen, stonden in de regels * LIST vóór deze regel.
    .rfc = RFC 9051 §6.3.9

imap-ok-status = Aantallen klaar
    .text = De aantallen stonden in de regel * STATUS.
    .rfc = RFC 9051 §6.3.11

imap-ok-append = Bericht opgeslagen
    .text = Het bericht staat in de map; [APPENDUID v u] vertelt dat het de UID u heeft in de map met UIDVALIDITY v.
    .rfc = RFC 9051 §6.3.12, §7.1

imap-ok-idle = IDLE voorbij
    .text = De client stuurde DONE; de server stuurt niet langer uit zichzelf nieuws en wacht weer op commando's.
    .rfc = RFC 2177 §3

imap-ok-close = Map gesloten
    .text = Berichten met de vlag \Deleted zijn verwijderd zonder regels * EXPUNGE; de sessie is terug in de toestand Authenticated.
    .rfc = RFC 9051 §6.4.1

imap-ok-unselect = Map gesloten, niets verwijderd
    .text = De sessie is terug in de toestand Authenticated; berichten met \Deleted zijn er nog.
    .rfc = RFC 9051 §6.4.2

imap-ok-expunge = Definitief verwijderd
    .text = De berichten met de vlag \Deleted zijn weg voor elk apparaat, en ook voor POP3: het is dezelfde mailbox.
    .rfc = RFC 9051 §6.4.3

imap-ok-search = Zoeken klaar
    .text = De nummers die passen, stonden in de regel * SEARCH (of * ESEARCH).
    .rfc = RFC 9051 §6.4.4

imap-ok-fetch = Ophalen klaar
    .text = De gegevens stonden in de regels * n FETCH vóór deze regel.
    .rfc = RFC 9051 §6.4.5

imap-ok-store = Vlaggen gewijzigd
    .text = De nieuwe vlaggen stonden in regels * n FETCH (behalve als er om .SILENT was gevraagd).
    .rfc = RFC 9051 §6.4.6

imap-ok-copy = Gekopieerd
    .text = De kopieën staan in de andere map; [COPYUID v oud nieuw] koppelt de oude UID's aan de nieuwe.
    .rfc = RFC 9051 §6.4.7, §7.1

imap-ok-copyuid = Verplaatst: de nieuwe UID's
    .text = Tijdens MOVE zegt de server eerst, zonder tag, welke UID's de berichten in de andere map kregen; daarna verwijdert hij ze hier definitief.
    .rfc = RFC 6851 §4.3

imap-ok-move = Verplaatst
    .text = De berichten staan in de andere map en zijn uit deze map verdwenen.
    .rfc = RFC 6851 §3.3

imap-no-auth_failed = Inloggen mislukt
    .text = Verkeerde gebruikersnaam of verkeerd wachtwoord. De server zegt niet welke van de twee, zodat raden moeilijker wordt. [AUTHENTICATIONFAILED] geeft aan dat het probleem bij de inloggegevens ligt.
    .rfc = RFC 9051 §6.2.3, §7.1

imap-no-authz = Niet toegestaan om als iemand anders op te treden
    .text = Met PLAIN kun je vragen om als een andere gebruiker in te loggen (het eerste deel); deze server laat je alleen jezelf zijn.
    .rfc = RFC 4616 §2; RFC 9051 §7.1

imap-no-mechanism = Onbekende inlogmethode
    .text = De server biedt alleen de SASL-methoden aan die als AUTH=... in CAPABILITY staan; hier is dat PLAIN.
    .rfc = RFC 9051 §6.2.2

imap-no-nonexistent = Map bestaat niet
    .text = Er is geen map met die naam (INBOX mag je in elke mix van hoofdletters en kleine letters schrijven, andere namen moeten precies kloppen). LIST "" "*" laat zien welke er wel zijn.
    .rfc = RFC 9051 §7.1

imap-no-already_exists = Map bestaat al
    .text = Er is al een map met die naam.
    .rfc = RFC 9051 §7.1

imap-no-inbox = INBOX blijft
    .text = In INBOX komt nieuwe mail binnen, dus die map kan niet worden verwijderd.
    .rfc = RFC 9051 §6.3.5

imap-no-bad_name = Geen geldige mapnaam
    .text = Een mapnaam mag niet leeg zijn en mag de jokertekens * en % niet bevatten; / scheidt de niveaus (Work/2026).
    .rfc = RFC 9051 §5.1

imap-no-selected = Map is geopend
    .text = Deze server verwijdert of hernoemt de map die je geselecteerd hebt niet; sluit die eerst met CLOSE of UNSELECT.
    .rfc = RFC 9051 §6.3.5

imap-no-trycreate = Maak eerst de map aan
    .text = De doelmap bestaat niet. [TRYCREATE] vertelt het mailprogramma dat het zou lukken met eerst CREATE en daarna een nieuwe poging.
    .rfc = RFC 9051 §6.3.12, §7.1

imap-no-read_only = Alleen lezen
    .text = De map is geopend met EXAMINE, dus vlaggen kunnen niet veranderen en er kan niets definitief worden verwijderd.
    .rfc = RFC 9051 §6.3.3, §7.1

imap-no-in_use = Een POP3-sessie gebruikt de mailbox
    .text = POP3 vergrendelt de mailbox zolang het ingelogd is en nummert de berichten één keer; als er ondertussen berichten zouden verdwijnen, zou POP3 in de war raken. IMAP mag lezen en vlaggen zetten, maar verwijderen wacht tot POP3 klaar is. [INUSE] zegt: probeer het later.
    .rfc = RFC 9051 §7.1; RFC 1939 §4

imap-no-charset = Onbekende tekenset
    .text = SEARCH CHARSET geeft aan hoe de zoekwoorden geschreven zijn; deze server kent UTF-8 en US-ASCII.
    .rfc = RFC 9051 §6.4.4, §7.1

imap-no-too_big = Literal te groot
    .text = De client kondigde meer bytes aan dan de server aanneemt, dus de server stuurde geen + en de client stuurt niets meer van dit commando.
    .rfc = RFC 9051 §7.1; RFC 7888 §4

imap-bad-wrong_state = Nu niet toegestaan
    .text = Elk commando werkt alleen in bepaalde toestanden: LOGIN vóór het inloggen, SELECT erna, FETCH alleen als er een map geselecteerd is. Het antwoord noemt wat nu werkt en wat je eerst moet sturen.
    .rfc = RFC 9051 §3

imap-bad-unknown_command = Onbekend commando
    .text = De server kent dit commando niet. De sessie gaat gewoon door.
    .rfc = RFC 9051 §7.1.3

imap-bad-missing_tag = Tag vergeten
    .text = Elk IMAP-commando begint met een tag die de client kiest, zoals a1, zodat je elk antwoord aan het juiste commando kunt koppelen: a1 LOGIN dave dave-pass, niet LOGIN dave dave-pass.
    .rfc = RFC 9051 §2.2.1

imap-bad-no_tag = Geen tag
    .text = De regel begint niet met een tag (letters en cijfers, bijv. a1), dus de server antwoordt met * in plaats van een tag.
    .rfc = RFC 9051 §2.2.1

imap-bad-no_command = Tag zonder commando
    .text = Na de tag komen een spatie en het commando: a1 NOOP.
    .rfc = RFC 9051 §2.2.1

imap-bad-empty_line = Lege regel
    .text = IMAP kent geen lege commando's; elke regel bestaat uit een tag en een commando.
    .rfc = RFC 9051 §2.2.1

imap-bad-syntax = Verkeerd opgebouwd commando
    .text = Het commando is bekend, maar de argumenten kloppen niet; het antwoord laat een voorbeeld van de juiste vorm zien.
    .rfc = RFC 9051 §9

imap-bad-sequence_set = Ongeldige reeks berichten
    .text = Berichten geef je aan met nummers, bereiken en lijsten: 1, 2:4, 1,3,5 of 1:* (tot en met het laatste). Nummers beginnen bij 1.
    .rfc = RFC 9051 §9

imap-bad-no_such_message = Dat berichtnummer bestaat niet
    .text = Berichtnummers lopen van 1 tot het aantal berichten in de map (EXISTS); een groter nummer bestaat niet.
    .rfc = RFC 9051 §6.4.5, §9

imap-bad-flag = Hier geen geldige vlag
    .text = De vlaggen zijn \Seen, \Answered, \Flagged, \Deleted en \Draft. Deze server neemt geen zelfbedachte trefwoorden aan, en \Recent kun je niet zetten.
    .rfc = RFC 9051 §2.3.2

imap-bad-search = Ongeldige zoekopdracht
    .text = De zoeksleutels zijn woorden zoals ALL, UNSEEN, FROM john, NOT DELETED of OR SEEN FLAGGED; elk woord dat een waarde nodig heeft, moet er ook een krijgen.
    .rfc = RFC 9051 §6.4.4

imap-bad-fetch = Ongeldig onderdeel bij FETCH
    .text = Na FETCH komen onderdelen zoals FLAGS, UID, RFC822.SIZE, ENVELOPE, BODY.PEEK[HEADER] of BODY[]<0.100>, tussen haakjes als het er meerdere zijn.
    .rfc = RFC 9051 §6.4.5

imap-bad-line_too_long = Regel te lang
    .text = De regel was langer dan de server aanneemt. Lange gegevens horen in een literal ({"{"}grootte{"}"}), niet in de regel zelf.
    .rfc = RFC 9051 §4; RFC 7162 §4

imap-bad-literal_too_big = Literal te groot
    .text = Een niet-synchroniserende literal ({"{"}grootte+{"}"}) was groter dan de server aanneemt; de server heeft de bytes weggegooid.
    .rfc = RFC 7888 §4

imap-bad-auth_cancelled = Inloggen afgebroken
    .text = De client antwoordde met * op de prompt +, en dat breekt AUTHENTICATE af.
    .rfc = RFC 9051 §6.2.2

imap-bad-base64 = Geen geldige PLAIN-gegevens
    .text = Na + moet de client in base64 het volgende sturen: autorisatienaam (mag leeg zijn), NUL, gebruikersnaam, NUL, wachtwoord.
    .rfc = RFC 4616 §2; RFC 9051 §6.2.2

imap-bad-expected_done = DONE verwacht
    .text = Tijdens IDLE mag de client alleen DONE sturen. De server heeft IDLE beëindigd.
    .rfc = RFC 2177 §3

imap-bye-logout = BYE
    .text = De server meldt dat hij de verbinding sluit, zoals met LOGOUT gevraagd is.
    .rfc = RFC 9051 §7.1.5

imap-bye-too_many_failures = Te veel mislukte inlogpogingen
    .text = Na een aantal verkeerde wachtwoorden verbreekt de server de verbinding, om het raden van wachtwoorden te vertragen.
    .rfc = RFC 9051 §7.1.5

imap-bye-autologout = Automatisch uitgelogd
    .text = Er is te lang niets gestuurd (minstens 30 minuten), dus de server sluit de verbinding. Clients in IDLE starten IDLE vóór die tijd opnieuw.
    .rfc = RFC 9051 §5.4; RFC 2177

imap-bye-connection_lost = Verbinding verbroken
    .text = De verbinding viel weg vóór LOGOUT. Er wordt niets verwijderd: alleen EXPUNGE, CLOSE en MOVE verwijderen berichten.
    .rfc = RFC 9051 §6.4.3

imap-data-capability = De lijst met mogelijkheden
    .text = IMAP4rev2 en IMAP4rev1 zijn de versies die gesproken worden; de rest zijn uitbreidingen zoals IDLE, MOVE en LITERAL+.
    .rfc = RFC 9051 §7.2.2

imap-data-enabled = Aangezet
    .text = De uitbreidingen die ENABLE echt heeft aangezet.
    .rfc = RFC 5161 §3.2

imap-data-exists = Hoeveel berichten
    .text = Het aantal berichten in de map. Dit wordt opnieuw gestuurd zodra er mail binnenkomt: zo hoort een client in IDLE meteen dat er nieuwe mail is.
    .rfc = RFC 9051 §7.4.1

imap-data-recent = RECENT (oud)
    .text = De telling uit IMAP4rev1 van berichten die nieuw zijn sinds het vorige bezoek; IMAP4rev2 heeft \Recent geschrapt, dus hier is die 0.
    .rfc = RFC 3501 §7.3.2

imap-data-flags = Welke vlaggen er zijn
    .text = De vlaggen die berichten in deze map kunnen hebben: \Seen (gelezen), \Answered, \Flagged (met ster), \Deleted (te verwijderen) en \Draft.
    .rfc = RFC 9051 §7.3.5

imap-data-list = Eén map
    .text = De kenmerken van een map, het scheidingsteken tussen de niveaus (/) en de naam van de map.
    .rfc = RFC 9051 §7.3.1

imap-data-status = Aantallen van een map
    .text = De aantallen waar STATUS om vroeg.
    .rfc = RFC 9051 §7.3.4

imap-data-search = Zoekresultaat
    .text = De nummers van de berichten die passen (UID's bij UID SEARCH), in de stijl van IMAP4rev1.
    .rfc = RFC 3501 §7.2.5

imap-data-esearch = Zoekresultaat
    .text = De berichten die passen, als compacte reeks zoals 2:4,7, in de stijl van IMAP4rev2, met de tag van de SEARCH waarop dit het antwoord is.
    .rfc = RFC 9051 §7.3.4

imap-data-fetch = Berichtgegevens
    .text = Wat er over één bericht gevraagd is, of de nieuwe vlaggen ervan. {"{"}n{"}"} gevolgd door n bytes is een literal: de tekst van het bericht precies zoals die is opgeslagen.
    .rfc = RFC 9051 §7.5.2

imap-data-expunge = Bericht verwijderd
    .text = Bericht n is voorgoed weg, en elk bericht daarna schuift één plaats op: het nummer wordt één lager. Daarom gebruiken mailprogramma's liever UID's.
    .rfc = RFC 9051 §7.5.1

imap-cont-literal = Ga door, stuur de literal
    .text = De client kondigde {"{"}grootte{"}"} bytes aan en wachtte; + zegt dat hij ze nu mag sturen. Met LITERAL+ ({"{"}grootte+{"}"}) hoeft de client niet te wachten.
    .rfc = RFC 9051 §4.3, §7.5; RFC 7888

imap-cont-sasl = Ga door, stuur je inloggegevens
    .text = De server wacht op de volgende regel met de inloggegevens voor PLAIN, in base64.
    .rfc = RFC 9051 §6.2.2, §7.5

imap-cont-idle = Wachten op nieuws
    .text = De server stuurt vanaf nu uit zichzelf nieuws zodra er iets gebeurt, tot de client DONE stuurt.
    .rfc = RFC 2177 §3

imap-state-Authenticated = Toestand Authenticated
    .text = Ingelogd: de client kan mappen opvragen, aanmaken en openen, maar heeft er nog geen geselecteerd.
    .rfc = RFC 9051 §3.2

imap-state-Selected = Toestand Selected
    .text = Er is een map geopend: de client kan de berichten erin zoeken, ophalen, van vlaggen voorzien, kopiëren, verplaatsen en definitief verwijderen.
    .rfc = RFC 9051 §3.3

imap-state-Logout = Toestand Logout
    .text = De sessie stopt (door LOGOUT, een time-out of een fout) en de verbinding wordt gesloten.
    .rfc = RFC 9051 §3.4

dns-query-a = DNS-vraag: adres
    .text = De host vraagt de DNS-server om het IP-adres (A-record) van een naam, zodat hij weet waarmee hij verbinding moet maken.
    .rfc = RFC 1035 §3.4.1

dns-query-mx = DNS-vraag: mailservers
    .text = Om mail naar een domein te sturen, vraagt een mailserver aan DNS welke hosts mail voor dat domein aannemen (MX-records).
    .rfc = RFC 5321 §5.1

dns-answer-a = DNS-antwoord: adres
    .text = De DNS-server antwoordt met het IP-adres van de naam.
    .rfc = RFC 1035 §3.4.1

dns-answer-mx = DNS-antwoord: mailservers
    .text = De DNS-server noemt de mailservers van het domein, elk met een voorkeursnummer: het laagste nummer wordt als eerste geprobeerd.
    .rfc = RFC 1035 §3.3.9

dns-answer-nodata = DNS-antwoord: zo'n record is er niet
    .text = De naam bestaat, maar heeft geen record van het gevraagde type (DNS noemt dit NODATA). Als het een mailserver was die om MX-records vroeg, valt die terug op het eigen adres van het domein (het A-record): de "impliciete MX", alsof het domein één MX had die naar zichzelf wijst. Een domein dat helemaal geen mail wil, publiceert in plaats daarvan een "null MX" (MX 0 .), en verzendende servers sturen dan meteen een onbestelbaar-melding.
    .rfc = RFC 2308 §2.2; RFC 5321 §5.1; RFC 7505 §3

dns-answer-nxdomain = DNS-antwoord: dit domein bestaat niet
    .text = NXDOMAIN: de naam bestaat niet in DNS, dus er is geen adres om verbinding mee te maken. Als een mailserver het domein van de ontvanger opzocht, kan mail daarheen nooit worden afgeleverd; daarom stuurt hij meteen een onbestelbaar-melding in plaats van het opnieuw te proberen.
    .rfc = RFC 1035 §4.1.1; RFC 2308 §2.1

dns-answer-servfail = DNS-antwoord: serverfout
    .text = SERVFAIL: de DNS-server kon voor deze naam geen antwoord geven (zijn zone is kapot, of een eigen opzoeking mislukte). Dat zegt niets over of de naam bestaat, dus wie het vroeg, behandelt het als een tijdelijke fout: een mailserver houdt het bericht in zijn wachtrij en probeert het later opnieuw, en een SPF-, DKIM- of DMARC-controle geeft "temperror". In MailSim maakt een scenario een naam met opzet kapot met een [[dns]]-regel van het type servfail.
    .rfc = RFC 1035 §4.1.1; RFC 5321 §5.1; RFC 7208 §2.6.6

dns-answer-nullmx = DNS-antwoord: dit domein neemt geen mail aan
    .text = Het enige MX-record wijst naar "." (een "null MX"): het domein zegt dat het nooit e-mail aanneemt. Een mailserver probeert het niet opnieuw; hij stuurt meteen een onbestelbaar-melding, met status 5.1.10.
    .rfc = RFC 7505 §3, §4.1

tcp-open = Verbinding geopend
    .text = De twee hosts hebben de TCP-handdruk in drie stappen (three-way handshake) afgerond; nu wacht de client op de begroeting van de server.
    .rfc = RFC 9293 §3.5

tcp-refused = Verbinding geweigerd
    .text = De host staat aan, maar niets luistert op die poort, dus hij beantwoordt de poging tot verbinding met een reset.
    .rfc = RFC 9293 §3.10.7.1

tcp-unreachable = Host onbereikbaar
    .text = De host (of het netwerk ernaartoe) ligt plat: de poging krijgt geen antwoord. Een mailserver ziet dit als een tijdelijke fout en probeert het later opnieuw, of probeert de volgende MX.
    .rfc = RFC 5321 §4.5.4.1

tcp-close = Verbinding gesloten
    .text = Een van beide kanten heeft de verbinding gesloten nadat de sessie klaar was.
    .rfc = RFC 9293 §3.6

tcp-reset = Verbinding gereset
    .text = De verbinding eindigde zonder netjes afscheid te nemen. Als een host wordt uitgezet, levert MailSim (een simulator) nog af wat de host al had verstuurd, en laat daarna meteen de reset zien; in werkelijkheid stuurt een gecrashte host helemaal niets, dus merkt de andere kant het pas na een time-out, of krijgt die een reset (RST) zodra de host opnieuw is opgestart en een pakket ontvangt voor een verbinding die hij vergeten is.
    .rfc = RFC 9293 §3.5.2, §3.10.7

mta-queued = Bericht in de wachtrij gezet
    .text = Door na het bericht 250 te antwoorden, heeft deze server de verantwoordelijkheid ervoor overgenomen: hij moet het nu afleveren of aan de afzender melden dat het mislukt is.
    .rfc = RFC 5321 §6.1

mta-relayed = Bericht doorgestuurd
    .text = De volgende server heeft het bericht aangenomen, dus de verantwoordelijkheid ligt nu bij die server en deze server haalt het bericht uit zijn wachtrij.
    .rfc = RFC 5321 §2.3.10, §6.1

mta-delivered = Afgeleverd in een mailbox
    .text = Eindaflevering: het bericht wordt opgeslagen in de mailbox van de ontvanger, met een Return-Path-header waarin de envelopafzender staat.
    .rfc = RFC 5321 §4.4

mta-retry = Nieuwe poging gepland
    .text = De poging is tijdelijk mislukt (een 4xx-antwoord of geen verbinding), dus het bericht blijft in de wachtrij en de server probeert het later opnieuw, met elke keer een langere wachttijd. MailSim maakt de eerste wachttijd korter, 15 minuten, zodat je de nieuwe poging ziet; een echte server wacht minstens 30 minuten en blijft het 4 tot 5 dagen proberen.
    .rfc = RFC 5321 §4.5.4.1

mta-bounce = Onbestelbaar-melding verstuurd
    .text = Het bericht kan niet worden afgeleverd, dus de server stuurt een afleverstatusmelding terug naar de envelopafzender, vanaf de lege afzender <>, zodat die melding nooit zelf weer een onbestelbaar-melding kan veroorzaken.
    .rfc = RFC 5321 §6.1, §3.6.3, §4.5.5; RFC 3464

mta-bounce-queued = Onbestelbaar-melding in de wachtrij gezet
    .text = De server heeft deze afleverstatusmelding zelf geschreven en in zijn eigen wachtrij gezet, net als elk ander bericht; er was nog geen andere server bij betrokken. Nu levert hij de melding af in de mailbox van de oorspronkelijke afzender, hier of via SMTP. De melding komt van de lege afzender <>, dus als ze niet kan worden afgeleverd, wordt ze weggegooid: er wordt nooit weer een onbestelbaar-melding over gestuurd.
    .rfc = RFC 5321 §6.1; RFC 3464

mta-bounce-discarded = Onbestelbaar-melding over een onbestelbaar-melding: weggegooid
    .text = Het bericht dat niet kon worden afgeleverd, was zelf een onbestelbaar-melding (de afzender is <>), en over een onbestelbaar-melding wordt nooit een onbestelbaar-melding gestuurd, dus de server noteert de mislukking alleen in zijn logboek.
    .rfc = RFC 5321 §6.1

mta-loop = Lus ontdekt: mail draait rond
    .text = Elke server waar een bericht langskomt, zet er bovenaan een Received-regel bij. Een bericht dat met 100 of meer van die regels aankomt, draait vrijwel zeker rond in een lus tussen servers, dus de server houdt het tegen en stuurt de afzender een onbestelbaar-melding. (RFC 5321 vraagt om een ruime grens, normaal minstens 100; MailSim gebruikt 100.)
    .rfc = RFC 5321 §6.3

mta-giveup = Opgegeven
    .text = Elke poging mislukte om een tijdelijke reden, en het bericht stond langer in de wachtrij dan de grens van de server (4 dagen in MailSim; RFC 5321 raadt 4 tot 5 dagen aan), dus de server stopt met proberen en stuurt de afzender een onbestelbaar-melding. Die melding noemt het laatste probleem: bijvoorbeeld 4.4.1 (de ontvangende server antwoordde nooit) of het laatste 4xx-antwoord, woord voor woord.
    .rfc = RFC 5321 §4.5.4.1

pop3-retrieved = Bericht gedownload
    .text = Het mailprogramma heeft het hele bericht gedownload met RETR.
    .rfc = RFC 1939 §5

pop3-deleted = Bericht verwijderd op de server
    .text = Berichten die met DELE als verwijderd zijn gemarkeerd, worden pas nu echt verwijderd, nu de client QUIT heeft gestuurd en de sessie in de toestand Update is gekomen.
    .rfc = RFC 1939 §6

imap-fetched = Bericht gedownload via IMAP
    .text = De server stuurde de tekst van het bericht naar het mailprogramma (FETCH van BODY[]). Anders dan bij POP3, met RETR en daarna DELE, blijft het bericht zo op de server staan, zodat andere apparaten het ook kunnen lezen. Ophalen met BODY[] zet de vlag \Seen op de server; BODY.PEEK[] laat de vlaggen zoals ze waren.
    .rfc = RFC 9051 §6.4.5

imap-flags_changed = Vlaggen gewijzigd op de server
    .text = De vlaggen van een bericht (\Seen, \Flagged, \Deleted, ...) zijn veranderd. Vlaggen worden bij het bericht in de mailbox op de server bewaard, niet in het mailprogramma, dus elk apparaat van de gebruiker ziet de verandering: een andere sessie die de map open heeft, hoort het via een FETCH zonder tag, meteen als die sessie in IDLE is, en anders samen met het antwoord op haar volgende commando.
    .rfc = RFC 9051 §2.3.2, §6.4.6, §7.5.2; RFC 2177

imap-appended = Bericht toegevoegd aan een map
    .text = APPEND heeft een bericht opgeslagen dat het mailprogramma zelf heeft geschreven, zoals de kopie van een verstuurd bericht die in Sent komt: een bericht hoeft niet via SMTP binnen te komen om in een map te staan.
    .rfc = RFC 9051 §6.3.12

imap-copied = Bericht gekopieerd naar een andere map
    .text = COPY (of de eerste helft van MOVE) zette een kopie van elk bericht in de andere map, met dezelfde vlaggen en daar een nieuwe UID.
    .rfc = RFC 9051 §6.4.7, §6.4.8

imap-expunged = Bericht uit de map verdwenen
    .text = Het bericht staat niet meer in deze map: EXPUNGE of CLOSE heeft het voorgoed verwijderd (het had de vlag \Deleted), of MOVE heeft het naar een andere map gebracht (eerst een kopie daar, dan dit bericht hier verwijderd). POP3 en IMAP gebruiken hier één en dezelfde mailbox, dus een bericht dat uit INBOX verdwijnt, is ook voor POP3 weg. Andere sessies die de map open hebben, horen het via een EXPUNGE zonder tag: meteen als ze in IDLE zijn, en anders samen met het antwoord op hun volgende commando (nooit tijdens een FETCH, STORE of SEARCH, omdat de berichtnummers waarmee die commando's werken dan zouden veranderen).
    .rfc = RFC 9051 §6.4.3, §6.4.8, §7.5.1

net-host-down = Host uit
    .text = Een gebeurtenis in de simulator: het scenario zet deze host uit, alsof hij is gecrasht of zonder stroom zit. Hij antwoordt nergens op tot hij terugkomt, dus verbindingen met deze host mislukken.
    .rfc = MailSim (simulator)

net-host-up = Host aan
    .text = Een gebeurtenis in de simulator: de host wordt weer aangezet en neemt verbindingen aan.
    .rfc = MailSim (simulator)

world-wait = De tijd verstrijkt
    .text = Een gebeurtenis in de simulator: er gebeurt een tijdje niets, dus de simulator springt vooruit naar de volgende geplande gebeurtenis.
    .rfc = MailSim (simulator)

field-received-from = Received: from
    .text = De naam die de verzendende computer gaf bij HELO of EHLO, en daarna tussen haakjes het IP-adres waar de verbinding echt vandaan kwam. De naam is alleen wat de afzender beweerde; het adres is wat de ontvangende server zag.
    .rfc = RFC 5321 §4.4

field-received-by = Received: by
    .text = De server die het bericht ontving en deze regel schreef. Elke server zet zijn eigen Received-regel boven de andere, dus lees ze van onder naar boven om de route van het bericht te volgen.
    .rfc = RFC 5321 §4.4

field-received-with = Received: with
    .text = Hoe het bericht binnenkwam: SMTP na HELO, ESMTP na EHLO, ESMTPA als de afzender ook met AUTH heeft ingelogd.
    .rfc = RFC 5321 §4.4; RFC 3848

field-received-id = Received: id
    .text = De eigen naam van de ontvangende server voor het bericht in zijn wachtrij, dezelfde als in zijn antwoord "250 OK queued as". Daarmee kunnen de beheerders van de server het bericht terugvinden in hun logbestanden.
    .rfc = RFC 5321 §4.4

field-received-for = Received: for
    .text = Het adres van de ontvanger uit RCPT TO (de envelop) waarvoor deze server het bericht heeft aangenomen. Het kan verschillen van de To:-header, want die is alleen tekst die de afzender heeft geschreven: een Bcc-ontvanger staat wel op de envelop, maar in geen enkele header.
    .rfc = RFC 5321 §4.4

field-received-date = Received: datum
    .text = Na de puntkomma: wanneer deze server het bericht ontving. Als je de tijden van de Received-regels vergelijkt, zie je hoe lang elke stap duurde.
    .rfc = RFC 5321 §4.4; RFC 5322 §3.6.7

dsn-reporting_mta = Reporting-MTA
    .text = De mailserver die dit rapport schreef: de server die het bericht niet kon afleveren. "dns;" zegt dat er daarna een hostnaam volgt.
    .rfc = RFC 3464 §2.2.2

dsn-x_queue_id = X-Queue-ID
    .text = De eigen id van de rapporterende server voor het bericht in zijn wachtrij. Veldnamen die met X- beginnen, worden nooit standaardnamen (de RFC houdt ze vrij voor experimenten), dus een mailserver kan er zelf een toevoegen.
    .rfc = RFC 3464 §2.4

dsn-arrival_date = Arrival-Date
    .text = Wanneer de rapporterende server het bericht voor het eerst ontving.
    .rfc = RFC 3464 §2.2.5

dsn-final_recipient = Final-Recipient
    .text = De ontvanger over wie dit deel van het rapport gaat, zoals de rapporterende server die het laatst heeft geprobeerd. "rfc822;" zegt dat het een gewoon e-mailadres is.
    .rfc = RFC 3464 §2.3.2

dsn-action = Action
    .text = Wat er voor deze ontvanger is gebeurd. "failed" betekent dat het bericht niet is afgeleverd en dat de server is gestopt met proberen; andere waarden zijn delayed, delivered, relayed en expanded.
    .rfc = RFC 3464 §2.3.3

dsn-status = Status
    .text = De uitgebreide statuscode van het probleem: het eerste getal is de klasse (4 tijdelijk, 5 permanent), de andere twee zeggen wat er misging, bijvoorbeeld 5.1.1 voor "mailbox bestaat niet".
    .rfc = RFC 3464 §2.3.4; RFC 3463

dsn-remote_mta = Remote-MTA
    .text = De server die het bericht weigerde: de server waarmee de rapporterende server in gesprek was. Dit veld ontbreekt als er helemaal geen andere server antwoordde.
    .rfc = RFC 3464 §2.3.5

dsn-diagnostic_code = Diagnostic-Code
    .text = Het precieze antwoord van de andere server, inclusief de uitgebreide code ("smtp;" zegt dat het een SMTP-antwoord is), zodat een mens de echte reden kan lezen.
    .rfc = RFC 3464 §2.3.6; RFC 3461 §9.2

fault-injected = Opzettelijke fout (geen normaal gedrag)
    .text = Het scenario heeft deze server opgedragen hier expres dit antwoord te geven, om te zien hoe de andere kant ermee omgaat: een gezonde server had normaal geantwoord. Een 4xx-antwoord betekent "probeer het later nog eens", dus een verzendende server houdt het bericht en probeert het opnieuw; een 5xx-antwoord is een weigering, dus dan stuurt die server een onbestelbaar-melding; een 421 sluit bovendien de verbinding.
    .rfc = MailSim (injected fault); RFC 5321 §4.2.1, §3.8

fault-drop = Opzettelijke fout: verbinding verbroken
    .text = Het scenario heeft deze server opgedragen de verbinding expres te sluiten zonder enig antwoord. Een verzendende server die geen antwoord krijgt op zijn bericht, kan niet weten of het is aangenomen, dus hij moet het als een tijdelijke fout behandelen en het later opnieuw proberen (waardoor het bericht twee keer kan aankomen, als de server het in feite toch had bewaard).
    .rfc = MailSim (injected fault); RFC 5321 §4.5.4.1, §6.1; RFC 1047

mta-delayed = Aflevering vertraagd: een waarschuwing aan de afzender
    .text = Het bericht wacht al uren in de wachtrij en de server probeert het nog steeds. Hij stuurt de afzender één waarschuwing, een afleverstatusmelding met "Action: delayed": er is nog niets opgegeven, het bericht hoeft niet opnieuw te worden verstuurd. Als elke poging blijft mislukken, komt de echte onbestelbaar-melding later.
    .rfc = RFC 3464 §2.3.3; RFC 5321 §4.5.4.1

mta-delayed-queued = Vertragingswaarschuwing in de wachtrij gezet
    .text = De server heeft deze melding "nog steeds bezig" zelf geschreven (Subject: Delayed Mail) en in zijn eigen wachtrij gezet, om net als elke andere mail aan de afzender te worden afgeleverd. Ze wordt verstuurd vanaf de lege afzender <>, zodat een probleem ermee nooit weer een nieuwe melding veroorzaakt.
    .rfc = RFC 3464 §2.3.3, §2.3.8; RFC 5321 §6.1

net-retransmit = Onderweg kwijtgeraakt, opnieuw verstuurd
    .text = Op deze netwerkverbinding gaat een deel van de pakketten (TCP-segmenten) verloren. TCP merkt dat een segment nooit is bevestigd en stuurt het na een time-out opnieuw, dus voor de mailprogramma's gaat er niets verloren: de bytes komen alleen later aan. Op een netwerk dat pakketten kwijtraakt, zie je verlies dus als vertraging. (Welke segmenten verloren gaan, volgt uit de seed (startwaarde) van het scenario, dus als je het scenario opnieuw draait, gaan dezelfde segmenten verloren.)
    .rfc = RFC 9293 §3.8.1; RFC 6298 §2, §5

smtp-pipelining-batch = Pipelining: meerdere commando's tegelijk
    .text = De server bood PIPELINING aan, dus de client stuurde meerdere commando's in één keer, zonder op elk antwoord te wachten. Dat scheelt per commando een keer heen en terug, en dat telt op trage verbindingen. Deze client stuurt DATA pas als de antwoorden op MAIL en RCPT binnen zijn, zodat hij weet of er een ontvanger is aangenomen (RFC 2920 staat ook toe dat DATA het laatste commando van een reeks is).
    .rfc = RFC 2920 §3.1

smtp-pipelining-replies = Pipelining: antwoorden in dezelfde volgorde
    .text = In de antwoorden staat niet bij welk commando ze horen: de client koppelt ze aan zijn reeks via de volgorde. Het eerste antwoord hoort bij het eerste commando, het tweede bij het tweede, enzovoort; als een ontvanger wordt geweigerd, geldt die weigering alleen voor die ene RCPT.
    .rfc = RFC 2920 §3.1, §3.2

smtp-ok-normalised = Aangenomen door een server die losse LF "normaliseert"
    .text = Deze server is zo ingesteld dat hij een losse LF als einde van een regel leest, dus <LF>.<LF> beëindigde hier het bericht, hoewel volgens de standaard een bericht alleen eindigt met CR LF . CR LF. De bytes die volgden, werden gelezen als nieuwe commando's: in het eerste bericht zat een tweede bericht verstopt. Dit is de zwakke plek "SMTP smuggling" uit 2023; een veilige server weigert losse LF (zo staat MailSim standaard ingesteld) of ziet die nooit als het einde.
    .rfc = RFC 5321 §2.3.8, §4.1.1.4; CVE-2023-51764

smtp-ok-smuggled = Gesmokkeld bericht aangenomen: de kwetsbaarheid
    .text = Dit bericht is nooit los verstuurd: het zat verstopt in de tekst van het vorige bericht, na een vals einde van het bericht (<LF>.<LF>). Omdat deze server een losse LF als einde van een regel las, zag hij de verstopte commando's als echte commando's en nam hij een tweede, vervalst bericht aan, met welke afzender de aanvaller er ook maar in had gezet. Controles die voor het eerste bericht zijn gedaan (wie verbinding maakte, SPF), lijken nu ook voor dit bericht in te staan.
    .rfc = RFC 5321 §2.3.8, §4.1.1.4; CVE-2023-51764

dns-query-txt = DNS-vraag: tekstrecord
    .text = De host vraagt aan DNS om de TXT-records van een naam. Mailservers bewaren daar hun regels voor afzenders: de SPF-lijst van toegestane servers, de publieke DKIM-sleutels en het DMARC-beleid.
    .rfc = RFC 1035 §3.3.14

dns-answer-txt = DNS-antwoord: tekstrecord
    .text = De DNS-server antwoordt met de tekstrecords van de naam, precies zoals de eigenaar van het domein ze heeft geschreven.
    .rfc = RFC 1035 §3.3.14

auth-spf-check-mailfrom = SPF-controle van de envelopafzender
    .text = De ontvangende server vraagt zich af: mag de computer die met mij praat (het IP-adres ervan) mail versturen voor het domein in MAIL FROM? De eigenaar van het domein geeft het antwoord in DNS, met een SPF-record.
    .rfc = RFC 7208 §2.4, §4

auth-spf-check-helo = SPF-controle van de HELO-naam
    .text = Dit bericht heeft geen envelopafzender (MAIL FROM:<>, zoals bij onbestelbaar-meldingen), dus de server controleert in plaats daarvan de naam die de client bij HELO/EHLO gaf, alsof de afzender postmaster bij die naam was.
    .rfc = RFC 7208 §2.3, §2.4

auth-spf-record = SPF-record gevonden
    .text = Het domein publiceert een TXT-record dat begint met v=spf1: een lijst regels (mechanismen) die van links naar rechts wordt gelezen. De eerste regel die bij het adres van de client past, bepaalt de uitkomst.
    .rfc = RFC 7208 §4.5, §4.6

auth-spf-record-none = Geen SPF-record
    .text = De naam heeft geen TXT-record dat begint met v=spf1, dus de eigenaar heeft niets gezegd over welke servers namens die naam mogen versturen.
    .rfc = RFC 7208 §4.5

auth-spf-mech-all = SPF-regel: all
    .text = "all" past bij elk adres. Het is de laatste regel van een record en zegt wat er gebeurt met iedereen die niet eerder is genoemd: -all fail, ~all softfail, ?all neutral.
    .rfc = RFC 7208 §5.1

auth-spf-mech-include = SPF-regel: include
    .text = include:ander-domein voert het SPF-record van het andere domein uit voor hetzelfde adres. Als dat pass oplevert, past deze regel (dit wordt gebruikt om de servers van een mailprovider toe te staan).
    .rfc = RFC 7208 §5.2

auth-spf-mech-a = SPF-regel: a
    .text = "a" past als het adres van de client een van de adressen (A-records) van het domein is, of van de naam die na a: staat.
    .rfc = RFC 7208 §5.3

auth-spf-mech-mx = SPF-regel: mx
    .text = "mx" past als de client een van de mailservers van het domein is: de server zoekt de MX-records op en daarna het adres van elke mailserver.
    .rfc = RFC 7208 §5.4

auth-spf-mech-ip4 = SPF-regel: ip4
    .text = ip4:192.0.2.0/24 past als het adres van de client in dat bereik ligt; /24 betekent dat de eerste 24 bits gelijk moeten zijn (192.0.2.wat dan ook). Er is geen DNS-lookup nodig.
    .rfc = RFC 7208 §5.6

auth-spf-mech-ip6 = SPF-regel: ip6
    .text = ip6: noemt een IPv6-bereik. De gesimuleerde wereld gebruikt alleen IPv4, dus deze regel past hier nooit.
    .rfc = RFC 7208 §5.6

auth-spf-mech-exists = SPF-regel: exists
    .text = exists:naam past als die naam überhaupt een adres heeft. Grote providers gebruiken dit met macro's om hun eigen DNS een vraag over de afzender te stellen.
    .rfc = RFC 7208 §5.7

auth-spf-mech-ptr = SPF-regel: ptr (verouderd)
    .text = ptr vraagt de hostnaam van de client op via reverse DNS. Dat is traag en onbetrouwbaar, en de RFC zegt dat je het niet moet gebruiken; MailSim telt het als een DNS-lookup en laat het nooit passen.
    .rfc = RFC 7208 §5.5

auth-spf-redirect = SPF-redirect
    .text = Geen enkele regel paste, en het record eindigt met redirect=ander-domein: dan geeft het record van het andere domein het antwoord, alsof het het eigen record van dit domein was.
    .rfc = RFC 7208 §6.1

auth-spf-pass = SPF: pass
    .text = Het adres van de client mag mail versturen voor dit domein. Dat zegt nog niet wie het bericht heeft geschreven: de regel From: die mensen zien, kan nog steeds anders zijn.
    .rfc = RFC 7208 §2.6.3, §8.3

auth-spf-fail = SPF: fail
    .text = De eigenaar van het domein zegt dat dit adres NIET namens het domein mail mag versturen (een regel met -). Een ontvangende server mag het bericht weigeren, of de beslissing aan DMARC overlaten.
    .rfc = RFC 7208 §2.6.4, §8.4

auth-spf-softfail = SPF: softfail
    .text = De eigenaar zegt dat dit adres waarschijnlijk niet is toegestaan (een regel met ~), maar is er niet zeker van. Ontvangende servers nemen de mail aan, maar bekijken die extra goed.
    .rfc = RFC 7208 §2.6.5, §8.5

auth-spf-neutral = SPF: neutral
    .text = De eigenaar zegt niets over dit adres (een regel met ?, of er paste geen regel). Het telt alsof er helemaal geen SPF is.
    .rfc = RFC 7208 §2.6.2, §8.2

auth-spf-none = SPF: none
    .text = Er was geen SPF-record om te controleren (of geen domein dat kan worden opgezocht), dus SPF zegt niets over deze afzender.
    .rfc = RFC 7208 §2.6.1, §4.3

auth-spf-temperror = SPF: tijdelijke fout
    .text = Een DNS-lookup kreeg geen antwoord, dus de controle kon niet worden afgerond. Later opnieuw proberen kan wel lukken; een server mag intussen 451 4.4.3 antwoorden.
    .rfc = RFC 7208 §2.6.6, §8.6

auth-spf-permerror-lookups = SPF: te veel lookups
    .text = Voor de controle waren meer dan 10 DNS-lookups nodig (include, a, mx, exists en redirect tellen elk mee). De grens beschermt DNS-servers tegen een stortvloed aan vragen, dus de uitkomst is permerror.
    .rfc = RFC 7208 §4.6.4

auth-spf-permerror-void = SPF: te veel lege lookups
    .text = Meer dan twee lookups vonden helemaal niets (de naam bestaat niet, of er zijn geen records). Zulke records zijn kapot of worden misbruikt, dus de controle stopt met permerror.
    .rfc = RFC 7208 §4.6.4

auth-spf-permerror-syntax = SPF: kapot record
    .text = Het record bevat een schrijffout (een onbekende regel, een ongeldig adres of bereik). Het hele record wordt geweigerd voordat er ook maar één regel is geprobeerd.
    .rfc = RFC 7208 §4.6, §12

auth-spf-permerror-multiple = SPF: twee records
    .text = Het domein publiceert meer dan één v=spf1-record. De ontvangende server kan niet weten welk record bedoeld is, dus dit is een permanente fout.
    .rfc = RFC 7208 §4.5

auth-spf-permerror-no-record = SPF: include of redirect naar niets
    .text = Een include: of redirect= wijst naar een domein dat geen SPF-record heeft. Dat is een fout in het record, dus de uitkomst is permerror.
    .rfc = RFC 7208 §5.2, §6.1

auth-dmarc-record = DMARC-beleid gevonden
    .text = Het domein in de regel From: die mensen zien, publiceert een beleid op _dmarc.domein: wat ontvangende servers zouden moeten doen als SPF noch DKIM voor precies dat domein instaat (p=none, quarantine of reject).
    .rfc = RFC 7489 §6.1, §6.3

auth-dmarc-record-none = Hier geen DMARC-beleid
    .text = Er is op deze naam geen bruikbaar v=DMARC1-record.
    .rfc = RFC 7489 §6.6.3

auth-dmarc-orgdomain = DMARC: vraag het hoofddomein
    .text = Het From-domein is een subdomein zonder eigen beleid, dus de ontvangende server vraagt het aan het organisatiedomein (hier: de laatste twee delen van de naam, zoals isp.example). Als dat domein een sp=-beleid geeft, geldt dat voor subdomeinen.
    .rfc = RFC 7489 §3.2, §6.6.3

auth-dmarc-align-spf = DMARC: SPF is in lijn
    .text = SPF gaf pass voor het domein uit MAIL FROM, en dat domein past bij het From-domein (hetzelfde domein, of bij relaxed uitlijning hetzelfde hoofddomein).
    .rfc = RFC 7489 §3.1.2

auth-dmarc-align-dkim = DMARC: DKIM is in lijn
    .text = Een DKIM-handtekening gaf pass, en het domein in d= daarvan past bij het From-domein (hetzelfde domein, of bij relaxed uitlijning hetzelfde hoofddomein).
    .rfc = RFC 7489 §3.1.1

auth-dmarc-align-no = DMARC: niet in lijn
    .text = Deze controle is mislukt, of gaf pass voor een ander domein dan dat in From. Een vervalser kan SPF laten slagen voor zijn eigen domein; DMARC telt een pass alleen mee voor het domein dat de lezer ziet.
    .rfc = RFC 7489 §3.1

auth-dmarc-pass = DMARC: pass
    .text = SPF of DKIM gaf pass voor een domein dat in lijn is met de regel From:, dus het domein dat de lezer ziet, staat achter dit bericht.
    .rfc = RFC 7489 §4.2

auth-dmarc-fail-none = DMARC: fail, beleid none
    .text = Geen enkele controle die in lijn is, staat in voor het From-domein, maar de eigenaar vraagt alleen om op de hoogte te worden gehouden (p=none), dus het bericht wordt gewoon afgeleverd.
    .rfc = RFC 7489 §6.3, §6.6.4

auth-dmarc-fail-quarantine = DMARC: fail, quarantine
    .text = Geen enkele controle die in lijn is, staat in voor het From-domein, en de eigenaar vraagt ontvangende servers om zulke mail als verdacht te behandelen: de server neemt het bericht aan, maar markeert het als spam (met een header X-Spam-Flag: YES), zodat het mailprogramma het in de spammap zet.
    .rfc = RFC 7489 §6.3, §6.6.4

auth-dmarc-fail-reject = DMARC: fail, reject
    .text = Geen enkele controle die in lijn is, staat in voor het From-domein, en de eigenaar vraagt ontvangende servers om zulke mail te weigeren: de server antwoordt 550 5.7.1 aan het einde van DATA.
    .rfc = RFC 7489 §6.3, §6.6.4, §10.1

auth-dmarc-none = DMARC: none
    .text = Het From-domein publiceert geen DMARC-beleid, dus er is niets om toe te passen.
    .rfc = RFC 7489 §6.6.3

auth-dmarc-temperror = DMARC: tijdelijke fout
    .text = Het beleid kon niet worden opgehaald, omdat DNS niet antwoordde.
    .rfc = RFC 7489 §6.6.3; RFC 8601 §2.7.1

auth-skip-own-server = Gecontroleerd aan de grens
    .text = Het bericht komt van een van de eigen servers van het ontvangende domein (een back-up-MX of een spamfilter), die het van buiten heeft aangenomen. SPF gaat over de server die de mail van buiten overdroeg, dus SPF wordt hier niet nog eens gecontroleerd.
    .rfc = RFC 7208 §2.2

auth-results = Authentication-Results-header
    .text = De ontvangende server schrijft op wat hij heeft gevonden (SPF, DKIM en DMARC, elk pass of fail) in een Authentication-Results-header bovenaan het bericht, zodat het mailprogramma en de lezer het kunnen zien.
    .rfc = RFC 8601 §2.2, §5

auth-relay-footer = Een doorstuurserver verandert het bericht
    .text = Deze server zet een regel onderaan elk bericht dat hij doorstuurt, zoals virusscanners en mailinglijsten doen. De berichttekst is nu anders dan wat ondertekend was, dus een DKIM-handtekening die eerder is gemaakt, past er niet meer bij.
    .rfc = RFC 6376 §3.7, §6.1.3

auth-dkim-sign = DKIM: de server van de afzender ondertekent
    .text = Voordat het bericht vertrekt, berekent de server van de ISP (internetprovider) een hash van de berichttekst en van de belangrijke headers, en ondertekent die met zijn privésleutel. De DKIM-Signature-header die hij toevoegt, zegt welk domein ondertekende (d=), waar de publieke sleutel staat (s=, de selector) en wat de hash van de berichttekst is (bh=).
    .rfc = RFC 6376 §5; RFC 8463 §3

auth-dkim-none = Geen DKIM-handtekening
    .text = Het bericht heeft geen DKIM-Signature-header, dus niemand staat met een handtekening in voor de inhoud.
    .rfc = RFC 6376 §6.1; RFC 8601 §2.7.1

auth-dkim-signature = DKIM-handtekening gevonden
    .text = Een DKIM-Signature-header zegt: domein d= heeft deze headers (h=) en deze berichttekst (bh= is de vingerafdruk van de berichttekst, een hash) ondertekend, met zijn privésleutel. b= is de handtekening zelf.
    .rfc = RFC 6376 §3.5

auth-dkim-key = Publieke DKIM-sleutel
    .text = De ontvangende server haalt de publieke sleutel van de ondertekenaar op uit DNS, op selector._domainkey.domein. Alleen de eigenaar van het domein kan die daar neerzetten, en alleen de bijpassende privésleutel kan handtekeningen maken die met deze sleutel worden goedgekeurd.
    .rfc = RFC 6376 §3.6.1, §3.6.2

auth-dkim-key-none = DKIM: geen sleutel
    .text = Er staat geen sleutel in DNS op selector._domainkey.domein, dus de handtekening kan niet worden gecontroleerd: een permanente fout.
    .rfc = RFC 6376 §6.1.2

auth-dkim-key-bad = DKIM: onbruikbare sleutel
    .text = Het sleutelrecord is kapot, of hoort bij een ander algoritme dan de handtekening aangeeft, dus de handtekening kan niet worden gecontroleerd.
    .rfc = RFC 6376 §3.6.1, §6.1.2

auth-dkim-key-revoked = DKIM: sleutel ingetrokken
    .text = Het sleutelrecord heeft een lege p=: het domein heeft deze sleutel ingetrokken, dus handtekeningen die ermee zijn gemaakt, worden niet meer geaccepteerd.
    .rfc = RFC 6376 §3.6.1

auth-dkim-bodyhash = DKIM: berichttekst onveranderd
    .text = De ontvangende server maakt de berichttekst op de afgesproken manier netjes (canonicalisatie: relaxed negeert extra spaties en lege regels aan het einde) en berekent de hash ervan. De hash is gelijk aan bh=, dus de berichttekst is precies wat er ondertekend is.
    .rfc = RFC 6376 §3.4.3, §3.4.4, §3.7

auth-dkim-bodyhash-fail = DKIM: berichttekst veranderd
    .text = De hash van de berichttekst is niet die in bh=: iets heeft de tekst veranderd nadat die was ondertekend (een doorstuurserver, een regel onderaan van een mailinglijst, of een vervalser).
    .rfc = RFC 6376 §3.7, §6.1.3

auth-dkim-headers = DKIM: de ondertekende headers
    .text = De headers die in h= staan, worden van onder naar boven genomen en netjes gemaakt (relaxed: namen in kleine letters, spaties samengeperst), gevolgd door de DKIM-Signature-header zelf met een lege b=. Deze tekst is wat de handtekening dekt.
    .rfc = RFC 6376 §3.4.2, §3.7, §5.4.2

auth-dkim-pass = DKIM: pass
    .text = De handtekening past bij de publieke sleutel, de headers en de berichttekst: het domein in d= heeft deze inhoud echt verstuurd, en niets wat erdoor gedekt wordt, is onderweg veranderd.
    .rfc = RFC 6376 §6.1.3; RFC 8601 §2.7.1

auth-dkim-fail-bodyhash = DKIM: fail (berichttekst)
    .text = De handtekening wordt afgekeurd, omdat de berichttekst na het ondertekenen is veranderd.
    .rfc = RFC 6376 §6.1.3

auth-dkim-fail-signature = DKIM: fail (handtekening)
    .text = De berichttekst is in orde, maar de handtekening past niet bij de ondertekende headers en de sleutel: een ondertekende header is veranderd, of de handtekening is niet gemaakt met de sleutel van dit domein.
    .rfc = RFC 6376 §6.1.3

auth-dkim-temperror = DKIM: tijdelijke fout
    .text = De sleutel kon niet worden opgehaald, omdat DNS niet antwoordde. Later opnieuw controleren kan wel lukken.
    .rfc = RFC 6376 §6.1.2; RFC 8601 §2.7.1

auth-dkim-permerror = DKIM: kapotte handtekening
    .text = De DKIM-Signature-header is onbruikbaar: er ontbreekt een verplichte tag, het algoritme is onbekend of te zwak (rsa-sha1), of From staat niet tussen de ondertekende headers.
    .rfc = RFC 6376 §6.1.1; RFC 8301 §3.1

# Nederlandse vertaling van MailSim explain-auth2 (doorstuurregel, spamfiltertests).
# Termen zoals in terms-explain-part1.md en terms-explain-part2.md: envelopafzender, doorsturen,
# doorstuurserver, spamfilter, spammap, From-domein, handtekening, mailprogramma. Protocolwoorden blijven letterlijk.

mta-forward = Een doorstuurregel
    .text = Deze server heeft een regel voor de ontvanger: in plaats van het bericht op te slaan, stuurt hij het door naar een ander adres, zoals een alias of een .forward-bestand dat doet. Het bericht en de envelopafzender ervan (MAIL FROM) blijven zoals ze waren. De volgende server ziet dus mail namens het domein van de afzender binnenkomen vanaf deze server, en die server staat niet in het SPF-record van dat domein: daar faalt SPF. Sommige doorstuurservers herschrijven de envelopafzender naar een eigen adres (SRS, het Sender Rewriting Scheme), zodat SPF in plaats daarvan voor hen slaagt; deze server doet dat niet. Voor een DKIM-handtekening maakt het niet uit welke server het bericht doorstuurt, dus DKIM slaagt nog steeds als er niets veranderd is.
    .rfc = RFC 5321 §3.9.1; RFC 7208 §10.3, Appendix D

spam-signal-keyword = Spamtest: een verdacht woord
    .text = Het filter heeft een lijst met woorden die veel in spam voorkomen (in de les over het spamfilter: lottery, winner, prize). Elk woord dat het in het onderwerp of de tekst vindt, levert 2 punten op. Echte filters hebben honderden van zulke tests, elk met een gewicht dat is geleerd uit grote hoeveelheden echte mail.
    .rfc = A filter's own rules (modelled on SpamAssassin), not an RFC

spam-signal-spf = Spamtest: SPF mislukt
    .text = De eigen SPF-controle van het filter gaf fail (2 punten) of softfail (1 punt): de computer die het bericht afleverde, hoort niet bij de computers die het domein van de afzender toestaat.
    .rfc = RFC 7208 §8.4, §8.5

spam-signal-dkim = Spamtest: een ongeldige DKIM-handtekening
    .text = Een DKIM-handtekening op het bericht klopte niet bij de controle: het bericht is dus veranderd nadat het was ondertekend, of de handtekening is nep (2 punten).
    .rfc = RFC 6376 §6.1

spam-signal-dmarc = Spamtest: DMARC mislukt
    .text = SPF noch DKIM staat in voor het From-domein, maar het beleid van het domein (p=none of quarantine) vroeg niet om het bericht te weigeren, dus rekent het filter dat het bericht aan (3 punten).
    .rfc = RFC 7489 §6.6.4

spam-signal-no-date = Spamtest: geen Date-regel
    .text = Elk bericht moet een regel Date: hebben, en mailprogramma's schrijven die altijd, dus een bericht zonder die regel is waarschijnlijk door een spamprogramma gemaakt (1 punt).
    .rfc = RFC 5322 §3.6

spam-signal-no-message-id = Spamtest: geen Message-ID
    .text = Een bericht zou een regel Message-ID: moeten hebben, met een unieke naam die mailprogramma's erin zetten. Zonder die regel lijkt het bericht door een machine gemaakt (1 punt).
    .rfc = RFC 5322 §3.6.4

spam-verdict-spam = Gemarkeerd als spam
    .text = Het totaal aantal punten bereikt de grens van het filter (5, de standaardwaarde van SpamAssassin) of komt erboven. Het filter voegt X-Spam-Status: Yes toe, met de score en de tests die aansloegen, en ook X-Spam-Flag: YES, en stuurt het bericht daarna toch door: het mailprogramma van Dave kan het in een spammap zetten. Echte filters vragen ook blokkeerlijsten (blocklists) naar de afzender en leren van de mail die hun gebruikers als spam markeren.
    .rfc = SpamAssassin's X-Spam-Status and X-Spam-Flag headers (a custom, not an RFC)

spam-verdict-clean = Geen spam
    .text = Het totaal aantal punten blijft onder de grens van het filter (5). Het filter voegt X-Spam-Status: No toe, met de score en de tests die aansloegen (hier geen), en stuurt het bericht door, zodat iedereen die de headers leest, kan zien hoe het is beoordeeld.
    .rfc = SpamAssassin's X-Spam-Status header (a custom, not an RFC)
