# MailSim's eigen woorden in het Nederlands (zie locales/en/ui.ftl).
# Protocolregels (EHLO, 250 OK, +OK) worden nooit vertaald.

## Het werkblad (mailsim run --format narrated)

worksheet-heading = MailSim-werkblad: { $title }
worksheet-how-to-read = Zo lees je het: na elke gebeurtenis (virtuele tijd, van -> naar, protocol, wat er gebeurde) volgt de uitleg. Een uitleg staat er de eerste keer helemaal, met een nummer [n]; latere gebeurtenissen die hetzelfde betekenen zeggen "zie [n]". C: is een regel die de client stuurde, S: een regel die de server stuurde.
worksheet-payload-size = { $lines ->
    [one] 1 regel
   *[other] { $lines } regels
}, { $bytes } bytes
worksheet-more-lines = { $count ->
    [one] nog 1 regel
   *[other] nog { $count } regels
}
worksheet-no-explanation = geen uitleg voor { $key }
worksheet-see = zie

## De vertelling (wat er gebeurde)

narration-label = Vertelling
narration-title = Wat er gebeurde
narration-goal = Doel:
narration-empty-hint = Er is nog niets gebeurd. Typ in het Telnet-venster bijvoorbeeld: telnet mail.dave.example 25
narration-start-hint = Druk op Afspelen (of de spatiebalk) om het bericht te zien reizen, of stap erdoorheen met de pijltjestoetsen.
narration-reference = Bron:
narration-internal-step = Een stap binnen één host: zijn mailprogramma of server houdt bij waar de sessie is.
narration-host-up = { $host } staat aan
narration-host-down = { $host } staat uit
narration-relayed = { $id } doorgestuurd naar { $host } voor { $rcpts }
narration-state-final = De sessie van de server is nu in toestand { $state }: ze is afgelopen.
narration-state-accepts = De sessie van de server is nu in toestand { $state }. Vanaf hier accepteert ze: { $commands }.
narration-later = { $duration } later
duration-second = { $n ->
    [one] { $n } seconde
   *[other] { $n } seconden
}
duration-minute = { $n ->
    [one] { $n } minuut
   *[other] { $n } minuten
}
duration-hour = { $n ->
    [one] { $n } uur
   *[other] { $n } uur
}
duration-day = { $n ->
    [one] { $n } dag
   *[other] { $n } dagen
}
duration-short-s = { $n } s
duration-short-min = { $n } min
duration-short-h = { $n } u

## Het einde van een scenario

wrap-title = Het einde: wat er gebeurde
wrap-no-hops = Er reisde geen berichttekst.
wrap-hops = { $count ->
    [one] Het bericht maakte 1 sprong: { $hops }.
   *[other] Het bericht maakte { $count } sprongen: { $hops }.
}
wrap-dave-inbox = { $count ->
    [one] Inbox van Dave: 1 bericht.
   *[other] Inbox van Dave: { $count } berichten.
}
wrap-john-inbox = { $count ->
    [one] Inbox van John: 1 bericht.
   *[other] Inbox van John: { $count } berichten.
}
wrap-john-inbox-bounces = { $count ->
    [one] Inbox van John: 1 bericht
   *[other] Inbox van John: { $count } berichten
} ({ $bounces ->
    [one] 1 onbestelbaar-melding
   *[other] { $bounces } onbestelbaar-meldingen
} terug naar John).
wrap-queued = { $count ->
    [one] Wacht nog in de wachtrij van een mailserver op een nieuwe poging: 1 bericht.
   *[other] Wacht nog in de wachtrij van een mailserver op een nieuwe poging: { $count } berichten.
}
wrap-took = Alles bij elkaar duurde het { $duration } gesimuleerde tijd ({ $steps } stappen).
wrap-where = Waar de mail nu is: { $now }
wrap-showed = Wat het liet zien:
wrap-again = Druk op Afspelen om het nog eens te zien, of kies een ander scenario.

## De inspector

inspector-label = Inspector
inspector-views = Weergaven van de inspector
inspector-tab-line = Regel
inspector-tab-machine = Toestandsmachine
inspector-tab-message = Bericht
inspector-tab-telnet = Telnet
line-nothing = Nog niets gekozen: stap vooruit of klik op een pijl in het sequentiediagram.
line-event-at = Gebeurtenis { $n } om { $time }
line-raw = Ruwe bytes
line-raw-note = (CR LF sluit elke regel af)
line-parsed = Ontleed
line-meaning = Betekenis
machine-title = { $protocol }-sessie #{ $conn } van de { $side } op { $host }
machine-side-server = server
machine-side-client = client
machine-to-on = naar { $state } bij
machine-diagram-label = { $protocol }-toestandsmachine van de { $side }
machine-note-server = Getekend uit de overgangstabel van de kern voor de server: ● is waar hij nu is; de zojuist gemaakte overgang is gemarkeerd. Gebeurtenissen in hoofdletters zijn commando's.
machine-note-client = Getekend uit de overgangstabel van de kern voor de client: ● is waar hij nu is; de zojuist gemaakte overgang is gemarkeerd. De client gaat naar een andere toestand door de antwoorden van de server.
line-sender-checks = Alle controles op de afzender bij deze stap
line-sender-checks-reply = De controles op de afzender achter dit antwoord (uitgevoerd op het bericht aan het einde van DATA)
machine-none = Deze gebeurtenis hoort niet bij een SMTP- of POP3-sessie: geen toestandsmachine om te tonen.
message-none = Er is nog geen bericht gereisd. Het verschijnt hier zodra het programma van John het na DATA verstuurt.
message-at-hop = { $count ->
    [one] Bij deze sprong: { $hop } · 1 Received:-regel
   *[other] Bij deze sprong: { $hop } · { $count } Received:-regels
}
message-envelope = Envelop
message-headers = Headers
message-body = Berichttekst

## De werkbalk en de schuifbalk

lang-label = Taal
lang-unavailable = Deze taal kon niet geladen worden; de pagina blijft in de getoonde taal.
toolbar-scenario = Scenario
toolbar-open = Openen
toolbar-open-title = Open het scenario dat in de lijst gekozen is (Enter)
toolbar-compose = Nieuw bericht
toolbar-predict = Voorspel
toolbar-predict-title = Voorspel: het verhaal stopt vóór elk antwoord, elk DNS-antwoord en elke beslissing van een mailserver, en vraagt wat er nu komt
toolbar-playback = Afspelen
toolbar-restart = Opnieuw
toolbar-restart-title = Opnieuw vanaf het begin (Home)
toolbar-back = Stap terug
toolbar-back-title = Stap terug (←)
toolbar-play = Afspelen
toolbar-play-title = Afspelen (spatie)
toolbar-pause = Pauze
toolbar-pause-title = Pauze (spatie)
toolbar-forward = Stap vooruit
toolbar-forward-title = Stap vooruit (→)
toolbar-end = Naar het einde
toolbar-end-title = Spring naar het einde (End)
toolbar-speed = Snelheid
toolbar-keysteps = Hoofdstappen
toolbar-keysteps-title = Speel af en stap alleen langs de regels over de lijn, DNS en veranderingen in de wachtrij en de mailboxen
toolbar-shortcuts = Sneltoetsen
toolbar-shortcuts-title = Sneltoetsen (?)
toolbar-theme = Thema
toolbar-theme-title = Kleuren: zoals de systeeminstelling zegt, of altijd licht, of altijd donker
theme-system = ◐ Systeem
theme-light = ☀ Licht
theme-dark = ☾ Donker
scrubber-label = Positie in het spoor
scrubber-start = stap 0 van { $len }: het begin
scrubber-step = stap { $n } van { $len }
scrubber-vtime = Gesimuleerde tijd
scrubber-vtime-title = Virtuele tijd in de gesimuleerde wereld

## Wat de schermlezer hoort, één keer per stap

announce-start = begin.
announce-step = Stap { $n } van { $len }.
announce-end = Stap { $n } van { $len }, het einde.
predict-announce = Voorspel: { $prompt } Keuzes: { $choices }.

## De opdrachtregel (mailsim explain)

cli-explain-total = { $total } uitlegitems in { $groups } groepen.
cli-explain-group = { $count ->
    [one] 1 item
   *[other] { $count } items
}

## Vensters: sneltoetsen, een bericht schrijven, de berichtviewer

dialog-close = Sluiten
dialog-cancel = Annuleren
help-play = Afspelen / pauze
help-forward = Stap vooruit
help-back = Stap terug
help-restart = Opnieuw beginnen
help-end = Spring naar het einde
help-speed = Sneller / langzamer
help-clickers = Stap vooruit / terug (presentatieklikkers)
help-presenter = Presentatiemodus aan / uit
help-blank = Scherm zwart maken (presentatiemodus); elke toets toont het weer
help-leave-presenter = Presentatiemodus verlaten
help-help = Deze hulp tonen
help-predict = Voorspel: de vraag beantwoorden
help-diagram = Vorige / volgende pijl in het sequentiediagram
help-tabs = Een andere weergave van de inspector (op de tabbladen)
help-close = Sluiten
help-note = Klik op een pijl in het sequentiediagram om naar die stap te springen; als het diagram de focus heeft, ga je met ↑ en ↓ langs de pijlen.
compose-from = Van
compose-to = Aan
compose-subject = Onderwerp
compose-message = Bericht
compose-send = Versturen
viewer-in-dave = Bericht in de inbox van Dave
viewer-in-john = Bericht in de inbox van John
viewer-download = Bericht downloaden
viewer-auth-title = Wie heeft dit echt verstuurd? De controles van de ontvangende server
viewer-auth-intro = Voordat hij 250 antwoordde, controleerde de server die dit bericht aannam de afzender, stap voor stap, met deze DNS-antwoorden: SPF (mag deze server mail versturen voor het domein van de envelop? RFC 7208), DKIM (klopt de handtekening? RFC 6376), DMARC (past een geslaagde controle bij het From:-domein? RFC 7489). De uitkomst is de header Authentication-Results: hierboven (RFC 8601).

## Mailboxen, de wachtrij, de kaart, het sequentiediagram

inbox-dave = Inbox van Dave
inbox-john = Inbox van John
inbox-dave-empty = Leeg: nog niets afgeleverd.
inbox-john-empty = Leeg: onbestelbaar-meldingen zouden hier terechtkomen.
inbox-queue = Wachtrij van de ISP
inbox-queue-empty = Leeg.
inbox-retry-at = nieuwe poging om { $time }
inbox-on-server = op de server
inbox-deleted = van de server verwijderd
inbox-downloaded-to = gedownload naar { $device } (POP3)
inbox-read-on = gelezen op { $device } (IMAP)
inbox-moved-to = verplaatst naar de map { $folder } op de server (IMAP)
inbox-no-flags = geen vlaggen
inbox-flags = vlaggen { $flags }
inbox-queue-at = Wachtrij op { $host }
inbox-received = { $count } Received
map-label = Netwerkkaart
sequence-label = Sequentiediagram
sequence-steps = Stappen van het sequentiediagram
sequence-payload = [bericht, { $lines ->
    [one] { $lines } regel
   *[other] { $lines } regels
}] { $first }
seq-step-aria = Stap { $n }: { $from } → { $to }: { $label }
seq-step-aria-state = ; de toestand van de server is nu { $states }

## Voorspel

predict-score = Score: { $right } van { $given } goed ({ $all } vragen in dit scenario)
predict-tag = Voorspel wat er nu komt
predict-keys = toetsen 1 tot en met { $n }
predict-right = Goed!
predict-wrong = Deze keer niet: het antwoord is { $answer }.
predict-chose = Je koos { $choice }.
predict-no-more = Geen vragen meer in dit scenario.
predict-play-on = Speel of stap verder: het verhaal stopt bij de volgende vraag.
telnet-predict-hidden = … (verborgen tot de Voorspel-vraag is beantwoord)
telnet-predict-hint = Voorspellen staat aan: wat antwoordt de server? Beantwoord de vraag onder "Wat er gebeurde" (Afspelen gaat door naar de volgende) om het antwoord hier te zien.

## Klashulpmiddelen

classroom-presenter = Presenteren
classroom-presenter-title = Grote letters voor een beamer (P); PageDown / PageUp stappen, B maakt het scherm zwart, Esc stopt
classroom-copy = Link kopiëren
classroom-copy-title = Kopieer een link naar dit scenario bij deze stap
classroom-download = Download
classroom-download-transcript = Transcript downloaden
classroom-download-svg = Sequentiediagram downloaden
classroom-download-json = Spoor downloaden
classroom-dismiss = Sluiten

## De rollen op de kaart, de ontlede velden, de knop van de wereldeditor

toolbar-edit-world = Wereld bewerken
role-computer = computer
role-isp-server = server van de ISP
role-dns-server = DNS-server
role-mail-server = mailserver
parsed-protocol = Protocol
parsed-connection = Verbinding
parsed-direction = Richting
parsed-command = Commando
parsed-argument = Argument
parsed-reply-code = Antwoordcode
parsed-enhanced-status = Uitgebreide status
parsed-last-line-of-reply = Laatste regel van het antwoord
parsed-status = Status
parsed-kind = Soort
parsed-size = Grootte
parsed-query-id = Vraag-id
parsed-name = Naam
parsed-type = Type
parsed-answer = Antwoord
parsed-port = Poort
parsed-queue-id = Wachtrij-id
parsed-envelope-sender = Envelopafzender
parsed-recipients = Ontvangers
parsed-attempt = Poging
parsed-next-try-at = Volgende poging om
parsed-reason = Reden
parsed-notification-to = Melding aan
parsed-side = Kant
parsed-new-state = Nieuwe toestand
parsed-value-to-server = van client naar server
parsed-value-to-client = van server naar client
parsed-value-more-follow = nee (er volgen meer regels)
parsed-value-yes = ja
parsed-value-message-text = tekst van het bericht
parsed-value-login-answer = antwoord bij het inloggen (base64)
parsed-value-lines-bytes = { $lines ->
    [one] { $lines } regel
   *[other] { $lines } regels
}, { $bytes } bytes
parsed-value-bytes = { $bytes } bytes
parsed-value-client = client
parsed-value-server = server
classroom-copied = Link gekopieerd. Wie hem opent, ziet dit scenario bij deze stap.
classroom-copy-refused = De browser liet de pagina niet kopiëren. Selecteer de link hieronder en kopieer hem zelf (Ctrl+C).
classroom-link-label = Link naar deze stap

## De vragen en keuzes van Voorspel

quiz-greeting = Er heeft net een client verbinding gemaakt met { $server }. Hoe begroet { $server } hem?
quiz-end-of-message = { $server } heeft het bericht en de laatste punt ontvangen. Wat antwoordt hij?
quiz-login-answer = { $server } heeft een regel van het inloggen ontvangen. Wat antwoordt hij?
quiz-reply = { $server } heeft "{ $line }" ontvangen. Wat antwoordt hij?
quiz-imap-tagged = { $server } heeft { $tag } { $verb } ontvangen. Hoe begint zijn antwoord met tag (de regel die begint met { $tag })?
quiz-dns = { $host } vroeg DNS om de { $qtype }-records van { $name }. Wat voor antwoord komt er terug?
quiz-mx = { $host } heeft mail voor { $domain } ({ $list }). Welke mailserver zoekt hij nu op, om er verbinding mee te maken?
quiz-mx-none = { $host } heeft mail voor { $domain } (geen MX-records). Welke mailserver zoekt hij nu op, om er verbinding mee te maken?
quiz-mta = { $host } kon het bericht voor { $rcpts } nog niet afleveren. Wat doet hij nu?
quiz-choice-own-a = { $domain } zelf (zijn eigen A-record)
quiz-choice-mx = { $host } (MX { $pref })
quiz-choice-bounce-now = Geen: hij stuurt het bericht meteen terug als onbestelbaar
quiz-choice-retry = Het in de wachtrij houden en het later opnieuw proberen
quiz-choice-bounce = Opgeven en een onbestelbaar-melding naar de afzender sturen
quiz-choice-drop = Het weggooien zonder onbestelbaar-melding

## De woordenlijst (src/glossary.rs)

glossary-mx = MX-record
glossary-mx-def = Een DNS-record dat de mailserver van een domein noemt, met een voorkeursgetal: de laagste wordt eerst geprobeerd (RFC 5321 §5.1).
glossary-envelope = envelop
glossary-envelope-def = De afzender en ontvangers die met MAIL FROM en RCPT TO worden opgegeven. Servers leveren af volgens de envelop, niet volgens de regels From: en To: in het bericht (RFC 5321 §2.3.1).
glossary-relay = doorsturen
glossary-relay-def = Een bericht doorgeven aan de volgende mailserver in plaats van het zelf te houden; een server die dat doet is een relay (RFC 5321 §2.3.10).
glossary-bounce = onbestelbaar-melding
glossary-bounce-def = Een melding die teruggaat naar de envelopafzender als een bericht niet kan worden afgeleverd, vanaf de lege afzender <> (RFC 5321 §4.5.5, RFC 3464).
glossary-queue = wachtrij
glossary-queue-def = De berichten die een mailserver heeft aangenomen (hij antwoordde 250) maar nog niet heeft doorgegeven; hij blijft het proberen tot hij opgeeft (RFC 5321 §4.5.4.1).
glossary-greylisting = greylisting
glossary-greylisting-def = Een verdediging tegen spam: de eerste poging van een onbekende afzender krijgt een 4xx 'probeer het later nog eens'. Echte mailservers komen terug, veel spamprogramma's niet (RFC 6647).
glossary-pipelining = pipelining
glossary-pipelining-def = Meerdere commando's versturen zonder op elk antwoord te wachten; de antwoorden komen in dezelfde volgorde terug (RFC 2920).
glossary-nxdomain = NXDOMAIN
glossary-nxdomain-def = Het DNS-antwoord 'deze naam bestaat niet' (RFC 1035 §4.1.1, RFC 8020).
glossary-octet = octet
glossary-octet-def = Acht bits: wat de meeste mensen een byte noemen. RFC's zeggen octet omdat sommige oude computers bytes van een andere grootte hadden.
glossary-spf = SPF
glossary-spf-def = Sender Policy Framework: een domein zet in DNS welke servers zijn mail mogen versturen, en de ontvanger controleert de server die verbinding maakt daartegen (RFC 7208).
glossary-dkim = DKIM
glossary-dkim-def = DomainKeys Identified Mail: het verzendende domein ondertekent het bericht, en de ontvanger controleert de handtekening met een publieke sleutel uit DNS (RFC 6376).
glossary-dmarc = DMARC
glossary-dmarc-def = Het beleid van een domein in DNS: mail met dat domein in From: moet slagen voor SPF of DKIM voor een domein dat erbij past (in lijn); het beleid zegt of andere mail wordt doorgelaten, apart gezet of geweigerd (RFC 7489).
glossary-update = toestand Update
glossary-update-def = De laatste toestand van POP3: na QUIT in de toestand Transaction verwijdert de server de berichten die met DELE gemarkeerd zijn, en sluit dan de verbinding. Een verbroken verbinding komt daar nooit, dus dan wordt niets verwijderd (RFC 1939 §6).

## Het telnet-paneel (src/telnet.rs, src/components/telnet.rs): hulp,
## hints en meldingen. De regels op de lijn en telnets eigen meldingen
## (Trying …, Connected to …) staan hier niet: die blijven zoals ze zijn.
## Commando's, namen van toestanden en hostnamen blijven Engels.

telnet-help-intro = Commando's van dit paneel (ze blijven hier, er gaat niets over het netwerk):
telnet-help-telnet = open een verbinding (ook: open, nc), bijv. telnet mail.dave.example 25
telnet-help-b64 = base64 van TEKST; \0 is een NUL-byte: b64 \0john\0john-pass
telnet-help-b64-plain = de AUTH PLAIN-tekst voor gebruiker U, wachtwoord P
telnet-help-b64-decode = base64 decoderen (de 334-vragen van AUTH LOGIN)
telnet-help-wait = laat tijd verstrijken (bijv. wait 15m), of tot de volgende nieuwe poging in de wachtrij
telnet-help-quit = sluit dit tabblad (met een open verbinding gaat QUIT naar de server)
telnet-help-local = b64 en wait blijven in het paneel, ook met een open verbinding.
telnet-help-help = deze lijst
telnet-help-keys = Toetsen: Enter verstuurt de regel met CR LF · Omhoog/Omlaag halen eerdere regels terug · Ctrl+] sluit de verbinding.
telnet-help-ports = Poorten: 25 SMTP tussen servers · 587 submission (inloggen met AUTH) · 110 POP3 · 143 IMAP (elk commando begint met een tag: a1 LOGIN dave dave-pass).
telnet-help-servers = Servers: smtp.isp.example (de ISP van John: versturen, 25 en 587), pop.isp.example (de mailbox van John, 110), mail.dave.example (van Dave: 25, 110 en 143, POP3 en IMAP op één mailbox), ns.example (alleen DNS).
telnet-help-john = De mailbox van John: telnet pop.isp.example 110 (de POP3-dienst van de ISP; dezelfde machine als smtp.isp.example, een andere naam en poort).
telnet-help-accounts = Accounts: john / john-pass bij smtp.isp.example en pop.isp.example · dave / dave-pass bij mail.dave.example.
telnet-hint-not-connected = Geen verbinding. Probeer: telnet mail.dave.example 25 · telnet smtp.isp.example 587 · telnet mail.dave.example 110 · help
telnet-hint-refused = Geweigerd.
telnet-hint-smtp = SMTP, toestand { $state }: de server verwacht { $expects }
telnet-hint-smtp-data = SMTP, toestand Data: typ het bericht (headers, lege regel, tekst); een regel met alleen . sluit het af. Een regel die met een punt begint, verliest die punt (RFC 5321 §4.5.2): typ .. om een regel te versturen die met een punt begint.
telnet-hint-smtp-auth = SMTP, toestand Auth: beantwoord de 334 met één base64-regel (b64 helpt); * breekt af.
telnet-hint-smtp-closed = SMTP, toestand Closed: de server heeft de sessie beëindigd.
telnet-hint-pop3 = POP3, toestand { $state }: nu geldig { $valid }
telnet-hint-pop3-ending = POP3, toestand { $state }: de sessie eindigt.
telnet-hint-imap-login = IMAP, toestand { $state }: elk commando begint met een tag, bijv. a1 LOGIN dave dave-pass
telnet-hint-imap-selected = IMAP, toestand { $state }: bijv. a3 FETCH 1 (FLAGS BODY.PEEK[]) · nu geldig { $valid }
telnet-hint-imap = IMAP, toestand { $state }: bijv. a2 SELECT INBOX · nu geldig { $valid }
telnet-hint-imap-logout = IMAP, toestand { $state }: de sessie eindigt.
telnet-b64-usage = gebruik: b64 TEKST (\0 is een NUL-byte) · b64 plain GEBRUIKER WACHTWOORD · b64 -d BASE64
telnet-b64-decoded = b64: { $text } gedecodeerd:
telnet-b64-not-base64 = b64: { $text } is geen base64 (alleen letters, cijfers, + en /)
telnet-b64-plain = b64: base64 van { $text } (AUTH PLAIN: NUL, gebruiker, NUL, wachtwoord):
telnet-b64-now-type = Typ nu: { $line }
telnet-b64-encoded = b64: base64 van { $text }:
telnet-usage-open = gebruik: { $cmd } HOST POORT, bijvoorbeeld: { $cmd } mail.dave.example 25
telnet-nc-no-port = nc: poortnummer ontbreekt (probeer: nc { $host } 25)
telnet-usage-open-one = gebruik: { $cmd } HOST POORT (één host, één poort)
telnet-wait-too-long = { $cmd }: hoogstens { $most } per keer
telnet-usage-wait = gebruik: { $cmd } [DUUR], bijvoorbeeld: { $cmd } 15m
telnet-not-a-command = { $cmd }: geen commando van dit paneel. Geen verbinding: typ eerst telnet HOST POORT (help toont de commando's).
telnet-moved-world = Verbinding gesloten: het paneel is naar een andere wereld gegaan.
telnet-joined-world = Je typt nu in de wereld van “{ $title }”, zoals die er op { $time } voor staat (na { $events } gebeurtenissen); de rest van het script gebeurt nog steeds.
telnet-new-session = Sessie { $id }, je typt vanaf { $host }. Typ help, of bijvoorbeeld: telnet mail.dave.example 25
telnet-new-source = Nieuwe verbindingen beginnen nu vanaf { $host }.
telnet-paste-too-long = Er is niets verstuurd: de geplakte tekst heeft { $lines } regels, en het paneel verstuurt er hoogstens { $most } tegelijk. Plak hem in delen.
telnet-pipelining-smtp = Er gingen { $lines } regels tegelijk weg, zonder op elk antwoord te wachten: dat is pipelining (RFC 2920). Een server die PIPELINING aankondigt, leest ze op volgorde en beantwoordt ze een voor een, op volgorde.
telnet-pipelining-pop3 = Er gingen { $lines } regels tegelijk weg, zonder op elk antwoord te wachten: dat is pipelining (RFC 2449 voor POP3). Een server die PIPELINING aankondigt, leest ze op volgorde en beantwoordt ze een voor een, op volgorde.
telnet-pipelining-imap = Er gingen { $lines } regels tegelijk weg, zonder op elk antwoord te wachten: dat is pipelining (RFC 9051 §5.5 voor IMAP). Een server die PIPELINING aankondigt, leest ze op volgorde en beantwoordt ze een voor een, op volgorde.
telnet-tab-closed = Gesloten. Typ telnet HOST POORT om een verbinding te openen, of help.
telnet-no-such-host = telnet: er is geen host { $host } in deze wereld
telnet-wait-nothing = Er wacht niets: geen nieuwe poging in de wachtrij, niets gepland. (wait 10m laat toch tijd verstrijken.)
telnet-time-passes = De tijd verstrijkt: { $duration } (de klok gaat van { $from } naar { $until })...
telnet-nothing-to-close = Geen verbinding: er is niets te sluiten.
telnet-retry-queued = { $host } houdt het bericht in zijn wachtrij ({ $reason }) en probeert het opnieuw om { $next }, over { $wait }. De tijd verstrijkt hier alleen als je wait typt: probeer wait, of wait { $short }.
telnet-from = Vanaf
telnet-from-label = Typ vanaf host
telnet-world = Wereld
telnet-world-label = Telnet-wereld
telnet-world-sandbox = Zandbak
telnet-world-joined = Ingestapt: { $title }
telnet-world-join = Instappen: { $title }, bij de cursor
telnet-new-tab-label = Nieuwe telnet-sessie
telnet-new-tab-title = Nieuwe sessie (een nieuw tabblad)
telnet-download = Sessie downloaden
telnet-transcript-head = MailSim-telnetsessie, in de wereld van “{ $world }” (gesimuleerde tijd { $time })
telnet-transcript-legend = $ is een commando dat in het paneel is getypt, C: een regel die naar de server is gestuurd, S: een regel die de server stuurde, # een melding van het paneel.
telnet-download-title = Bewaar elke sessie van dit paneel als tekstbestand
telnet-output-label = Telnet-uitvoer
telnet-input-label = Telnet-commando
telnet-input-connected = een regel voor de server, dan Enter (Ctrl+] sluit)

## De samenvatting van een gebeurtenis in één regel (src/state.rs, event_summary).

event-connected = #{ $conn } verbonden met poort { $port } ({ $protocol })
event-refused = verbinding met poort { $port } geweigerd (RST)
event-unreachable-host = poort { $port } onbereikbaar: de host staat uit
event-unreachable-link = poort { $port } onbereikbaar: de netwerkverbinding is verbroken
event-closed = #{ $conn } gesloten
event-dns-query = vraag #{ $id } { $name } { $qtype }?
event-dns-answer = antwoord #{ $id } { $name } { $qtype }: { $answer }
dns-answer-nodata-words = NOERROR, geen records (NODATA)
dns-answer-nxdomain-words = NXDOMAIN
dns-answer-servfail-words = SERVFAIL (de server kon niet antwoorden)
event-state-client = #{ $conn } toestand van de client -> { $state }
event-state-server = #{ $conn } toestand van de server -> { $state }
event-queued = { $id } in de wachtrij, van <{ $from }> aan { $rcpts } ({ $size } bytes)
event-retry = { $id } poging { $attempt } mislukt ({ $reason }); nieuwe poging om { $next }
reason-dns-no-answer = de DNS-server gaf geen antwoord
reason-temporary = tijdelijke fout
reason-dns-servfail = de DNS-server faalde (SERVFAIL)
reason-no-host = geen host op { $ip }
reason-connect = verbinden met { $host }:25: { $why }
reason-refused = Connection refused (verbinding geweigerd)
reason-host-down = No route to host (de host is uit)
reason-link-down = Network is unreachable (de verbinding is verbroken)
event-delivered = { $id } afgeleverd aan <{ $rcpt }> in de mailbox { $mailbox } (uid { $uid })
event-bounced = { $id } onbestelbaar voor { $rcpts }: melding { $bounce } aan <{ $to }>
event-bounce-discarded = { $id } mislukt voor { $rcpts }; op een onbestelbaar-melding komt nooit een onbestelbaar-melding
event-retrieved = { $mailbox } heeft { $uid } opgehaald
event-deleted = { $mailbox }: { $uid } verwijderd
event-link-up = netwerkverbinding werkt
event-link-down = netwerkverbinding verbroken

## Het afdrukbare transcript (src/components/panels.rs, Transcript)

print-transcript = Transcript
print-transcript-title = Transcript: { $title }
print-step = Stap
print-time = Tijd
print-hosts = Hosts
print-kind = Soort
print-what = Wat

## Het gedownloade transcript (src/export.rs, transcript)

download-transcript-heading = MailSim-transcript: { $title }
download-transcript-legend = C: is een regel die de client verstuurde, S: een regel die de server verstuurde. De tijden zijn die van de gesimuleerde wereld (uren:minuten:seconden).
download-transcript-hosts = Hosts:

## Het sequentiediagram als download (src/export.rs, sequence_svg)

download-svg-title = MailSim: { $title }
download-svg-desc = Sequentiediagram van MailSim: één kolom per host, de tijd loopt naar beneden; { $n } gebeurtenissen.
download-svg-legend = De tijd loopt naar beneden, één kolom per host.
download-svg-lines = SMTP is een doorgetrokken pijl, POP3 gestreept, IMAP streep-punt, DNS gestippeld; een stip is een stap binnen één host.
download-svg-step = stap { $n }: { $label }

## De wereldeditor (src/components/lab.rs): koppen en knoppen

lab-intro = Je verandert “{ $title }”. De wereld draait opnieuw vanaf het begin als je op Uitvoeren drukt; dezelfde wereld draait altijd op dezelfde manier.
lab-open-file = Een scenariobestand openen (.toml)
lab-save-file = Scenariobestand downloaden
lab-hosts = Hosts en hun diensten
lab-changes = Veranderingen in de tijd
lab-links = Verbindingen: vertraging en verlies
lab-dns = DNS: MX-records
lab-dns-other = Andere DNS-wijzigingen
lab-faults = Opzettelijke fouten
lab-policies = Regels van de servers
lab-run = Deze wereld uitvoeren
lab-running = De wereld “{ $title }” draait…
lab-running-events = De wereld draait: tot nu toe { $n } gebeurtenissen…
lab-edited-title = { $title } (bewerkt)
lab-file-failed = de browser kon het bestand niet maken
lab-file-unreadable = { $file }: het bestand kon niet worden gelezen
lab-remove = Verwijderen
lab-col-host = Host
lab-col-address = Adres
lab-col-services = Diensten (poorten)
lab-col-down-up = Uit of weer aan
lab-host-address = Adres van { $host }
lab-svc-submission = Submission
lab-down-now = Nu uitzetten
lab-up-later = Later weer aanzetten
lab-take-down = { $host } nu uitzetten
lab-bring-up = { $host } later weer aanzetten
lab-changes-help = Een host of een verbinding valt uit of komt terug op een tijdstip na het begin, zoals "0s", "90s", "20m" of "1h". Zolang een server uit is, houden de servers die ernaar versturen de mail in hun wachtrij en proberen ze het later opnieuw (RFC 5321 §4.5.4.1).
lab-col-at = Tijdstip
lab-col-what = Wat
lab-col-other-end = Andere kant (verbindingen)
lab-add-change = Een verbindingswijziging toevoegen
lab-kept-steps = De wereld heeft ook { $n } stappen van mailprogramma's (versturen en ophalen) die blijven zoals ze zijn.
lab-change-host-down = host valt uit
lab-change-host-up = host werkt weer
lab-change-link-down = verbinding valt uit
lab-change-link-up = verbinding werkt weer
lab-change-time = Tijdstip van wijziging { $n }
lab-change-what = Wat er gebeurt bij wijziging { $n }
lab-change-host = Host van wijziging { $n }
lab-change-other = Andere kant van de verbinding bij wijziging { $n }
lab-change-remove = Wijziging { $n } verwijderen
lab-links-help = Vertraging is de tijd die één segment nodig heeft van de ene host naar de andere. Verlies is het deel van de segmenten dat onderweg verloren gaat: TCP verstuurt een verloren segment na een time-out opnieuw, dus je ziet verlies als vertraging (en een notitie bij elke herverzending), nooit als ontbrekende gegevens.
lab-col-other-host = Andere host
lab-col-latency = Vertraging
lab-col-loss = Verlies (%)
lab-add-link = Een verbindingsinstelling toevoegen
lab-link-host = Host van verbinding { $n }
lab-link-other = Andere host van verbinding { $n }
lab-link-latency = Vertraging van verbinding { $n }
lab-link-loss = Verlies in procenten van verbinding { $n }
lab-link-remove = Verbinding { $n } verwijderen
lab-dns-help = Een MX-record zegt welke server de mail voor een domein ontvangt; de laagste voorkeurswaarde wordt het eerst geprobeerd (RFC 5321 §5.1). Het A-record van elke host is zijn adres in de tabel met hosts.
lab-col-domain = Domein
lab-col-preference = Voorkeur
lab-col-mail-server = Mailserver
lab-add-mx = Een MX-record toevoegen
lab-add-null-mx = Een null-MX toevoegen
lab-mx-domain = Domein van MX-record { $n }
lab-mx-preference = Voorkeur van MX-record { $n }
lab-mx-host = Mailserver van MX-record { $n }
lab-mx-remove = MX-record { $n } verwijderen
lab-dns-other-help = Een naam kan een (extra) A-record krijgen, zijn adres verliezen (de MX-host is dan niet te bereiken, RFC 5321 §5.1), helemaal geen mail ontvangen (een null-MX, RFC 7505) of niet bestaan (NXDOMAIN, RFC 1035 §4.1.1: de verzendende server stuurt meteen een onbestelbaar-melding). Een TXT-record vervangt de tekstrecords van de naam: een SPF-lijst (RFC 7208 §3) of een DMARC-beleid op _dmarc.<domein> (RFC 7489 §6.1).
lab-col-change = Wijziging
lab-col-name = Naam
lab-col-value = Adres (A) of tekst (TXT)
lab-add-dns = Een DNS-wijziging toevoegen
lab-dns-a = heeft het adres (A-record)
lab-dns-no-a = heeft geen adres (geen A-record)
lab-dns-null-mx = ontvangt geen mail (null-MX)
lab-dns-nxdomain = bestaat niet (NXDOMAIN)
lab-dns-txt = heeft dit tekstrecord (TXT: SPF, DMARC)
lab-dns-servfail = krijgt geen antwoord, de server faalt (SERVFAIL)
lab-dns-kind = Soort DNS-wijziging { $n }
lab-dns-name = Naam van DNS-wijziging { $n }
lab-dns-value = Adres of tekst van DNS-wijziging { $n }
lab-dns-remove = DNS-wijziging { $n } verwijderen
lab-faults-help = Een fout laat een server met opzet verkeerd antwoorden (bijvoorbeeld 451 op RCPT, of 421 bij de begroeting). De vertelling markeert elke fout als opzettelijk: een gezonde server zou dit niet doen.
lab-col-server = Server
lab-col-when = Wanneer
lab-col-it = Gedrag
lab-col-reply = Antwoord
lab-col-times = Aantal keer
lab-add-fault = Een fout toevoegen
lab-fault-server = Server van fout { $n }
lab-fault-when = Wanneer fout { $n } optreedt
lab-fault-does = Wat de server doet bij fout { $n }
lab-fault-answers = antwoordt
lab-fault-drops = verbreekt de verbinding
lab-fault-reply = Antwoord bij fout { $n }
lab-fault-every-time = elke keer
lab-fault-times = Aantal keer voor fout { $n } (leeg: elke keer)
lab-fault-remove = Fout { $n } verwijderen
lab-stage-greeting = bij de begroeting
lab-stage-ehlo = na EHLO of HELO
lab-stage-mail = na MAIL FROM
lab-stage-rcpt = na RCPT TO
lab-stage-data = na DATA
lab-stage-dot = na de afsluitende punt
lab-local-domains = Lokale domeinen (mailboxen hier)
lab-relay-domains = Relaydomeinen (worden doorgestuurd)
lab-relay-networks = Netwerken die zonder inloggen mogen relayen
lab-open-relay = Open relay: iedereen op internet mag via deze server mail versturen
lab-open-relay-help = Geen echte server is zo ingesteld: spammers vinden een open relay binnen enkele uren en versturen hun mail erdoorheen, en andere servers weigeren daarna de mail van die server (RFC 2505, advies tegen spam voor mailservers).
lab-pipelining = PIPELINING aanbieden: een client mag MAIL, RCPT en DATA versturen zonder op elk antwoord te wachten (RFC 2920)
lab-bare-lf = Een losse LF lezen als het einde van een regel (onveilig: vatbaar voor SMTP smuggling)
lab-bare-lf-help = Volgens RFC 5321 §2.3.8 eindigt een regel alleen met CR LF. Een server die ook een losse LF accepteert, kan met "<LF>.<LF>" worden misleid om een bericht te vroeg te beëindigen, zodat een tweede, vervalst bericht zich in het eerste verstopt (SMTP smuggling, 2023). Een veilige server weigert zo'n bericht met 554.
lab-greylist = Vertraging bij greylisting
lab-size-limit = Maximale grootte (bytes)
lab-accounts = Accounts:
lab-account-login = Inlognaam van nieuw account { $n }
lab-account-password = Wachtwoord van nieuw account { $n }
lab-account-address = Adres van nieuw account { $n }
lab-add-account = Een account toevoegen op { $host }
lab-retry = Schema voor nieuwe pogingen (elke server)
lab-retry-wait = Wachttijd tussen pogingen
lab-retry-give-up = Opgeven na
lab-retry-help = Leeg: het eigen schema van de servers (na 15 minuten, daarna steeds langer wachten; na 4 dagen een onbestelbaar-melding).

## Meldingen van de wereld-editor als een veld niet klopt. { $why } is het
## Engels van de scenariolezer zelf (gedeeld met de CLI).

lab-bad-ip = { $host }: het adres { $value } is geen IPv4-adres zoals 192.0.2.25
lab-bad-greylist = { $host }: de vertraging bij greylisting: { $why }
lab-bad-size = { $host }: de maximale grootte { $value } is geen aantal bytes, zoals 10000
lab-cannot-empty = { $host }: een instelling van de standaardwereld kan in een scenariobestand niet leeg worden gemaakt; geef haar een waarde
lab-bad-percent = { $value } is geen percentage van 0 tot 100, zoals 20 of 2.5 (met een punt)
lab-dns-needs-name = DNS-wijziging { $n }: die heeft een naam nodig, zoals mail.dave.example
lab-dns-bad-ip = DNS-wijziging { $n }: het adres { $value } is geen IPv4-adres zoals 192.0.2.25
lab-fault-bad-times = Opzettelijke fout { $n }: “{ $value }” is geen aantal keer zoals 2 (laat het leeg voor elke keer)
lab-fault-needs-reply = Opzettelijke fout { $n }: schrijf het antwoord dat de server in plaats daarvan geeft, zoals 451 4.3.0 Try again later, of kies dat hij de verbinding verbreekt
lab-mx-needs-domain = DNS: elk MX-record heeft een domein nodig, zoals dave.example
lab-mx-bad-preference = DNS: de voorkeur { $value } van een MX-record voor { $domain } is geen getal van 0 tot 65535
lab-mx-needs-host = DNS: een MX-record voor { $domain } heeft de naam van een mailserver nodig (of "." voor een null-MX)
lab-mx-keep-one = DNS: { $domain } heeft hier minstens één MX-record nodig (een scenariobestand kan de records van de standaardwereld veranderen, maar niet allemaal verwijderen)
lab-bad-retry = Schema voor nieuwe pogingen: { $why }
lab-retry-empty = Schema voor nieuwe pogingen: geef minstens één wachttijd, zoals 15m, 1h
lab-bad-give-up = Opgeven na: { $why }
lab-change-bad-time = Wijziging { $n }: het tijdstip: { $why }
lab-change-needs-host = Wijziging { $n }: kies een host
lab-link-bad-latency = Verbinding { $a } – { $b }: de vertraging: { $why }
lab-link-bad-loss = Verbinding { $a } – { $b }: het verlies: { $why }
lab-links-need-hosts = Verbindingen: kies de twee hosts van elke verbinding
