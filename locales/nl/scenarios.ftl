# De ingebouwde scenario's in het Nederlands: de titel, met het doel als .goal.
# Id: scenario-NAAM (de naam zoals `mailsim scenarios` die toont). Engels: de
# catalogus (protocol-core/scenarios/). Protocolwoorden blijven letterlijk.

scenario-sandbox = Zandbak (telnet)
    .goal = Typ zelf SMTP en POP3: maak in het Telnet-venster met telnet verbinding met een willekeurige server en kijk hoe je regels reizen.
scenario-seed-story = John schrijft aan Dave
    .goal = Een e-mail reist in sprongen: het programma van John levert hem in bij zijn ISP, de ISP vindt de server van Dave via DNS MX en stuurt hem door, en het programma van Dave downloadt hem met POP3.
scenario-unknown-recipient = Onbekende gebruiker: de onbestelbaar-melding
    .goal = Als de ontvangende server 550 antwoordt voor een ontvanger, stuurt de verzendende server het bericht terug naar de afzender als afleverstatusmelding, vanaf de lege afzender <>.
scenario-backup-mx = Primaire MX uit: de back-up neemt het over
    .goal = Een domein kan meerdere MX-hosts noemen: als de voorkeursserver uit staat, gaat de mail naar de back-up-MX, die hem bewaart en doorstuurt zodra de primaire weer aan staat.
scenario-greylisting = Greylisting: probeer het later nog eens
    .goal = Een 4xx-antwoord is een tijdelijke fout: de verzendende server houdt het bericht in zijn wachtrij en probeert het later opnieuw, en die nieuwe poging komt erdoor.
scenario-open-relay = Wie mag doorsturen? Open relay geweigerd, AUTH verplicht
    .goal = Een mailserver stuurt alleen door voor zijn eigen gebruikers: een vreemde krijgt 550 5.7.1 op poort 25, en zelfs John krijgt 530 op poort 587 tot hij inlogt.
scenario-pop3-two-devices = POP3 op twee apparaten: op de server laten of verwijderen
    .goal = POP3 downloadt mail; als een apparaat hem op de server laat staan, kan een ander apparaat hem ook ophalen, terwijl DELE hem voor iedereen verwijdert als de sessie eindigt.
scenario-too-large = Bericht te groot
    .goal = Elke server heeft een maximale grootte en meldt die met SIZE: een bericht boven die grens wordt geweigerd met 552 en als onbestelbaar teruggestuurd naar de afzender.
scenario-no-such-domain = Een tikfout in het domein: NXDOMAIN
    .goal = Als DNS zegt dat het domein van de ontvanger niet bestaat (NXDOMAIN), kan geen enkele server het bericht ooit aannemen, dus stuurt de server van de afzender het meteen terug.
scenario-pop3-vs-imap = POP3 tegenover IMAP op twee apparaten
    .goal = POP3 downloadt mail naar één apparaat en haalt hem met DELE van de server, dus de telefoon ziet hem nooit. IMAP houdt mail op de server: beide apparaten zien hem, lezen op het ene zet \Seen voor het andere, een verwijdering bereikt het andere meteen, en IDLE duwt nieuwe mail naar de telefoon zodra die binnenkomt.
scenario-imap-folders = Mappen: een mail opbergen en een kopie van het antwoord in Sent bewaren
    .goal = IMAP-mail staat in mappen op de server: het mailprogramma verplaatst het bericht van John van INBOX naar een eigen map (CREATE, UID MOVE) en bewaart de kopie van het antwoord van Dave in Sent met APPEND. De mappen staan op de server: de telefoon, die later kijkt, vindt INBOX leeg, omdat het bericht nu in Lunch staat.
scenario-pipelining = Pipelining: één reeks commando's, antwoorden op volgorde
    .goal = Met PIPELINING stuurt een client MAIL en al zijn RCPT-commando's in één keer; de server beantwoordt ze één voor één, en de client koppelt de antwoorden aan zijn commando's op volgorde, zodat één geweigerde ontvanger de andere niet tegenhoudt.
scenario-injected-faults = Opzettelijke fouten: 421, 451 en een verbroken verbinding
    .goal = Een verzendende server moet tegen een ontvangende server kunnen die zich misdraagt: na een 421-begroeting, een 451 op RCPT en een verbinding die na de laatste punt wordt verbroken, houdt hij het bericht en probeert hij het opnieuw tot het lukt. Het scenario brengt deze fouten opzettelijk aan; een gezonde server doet dit niet.
scenario-give-up = Vijf dagen uit: nieuwe pogingen, een vertragingswaarschuwing, dan de onbestelbaar-melding
    .goal = Een server die een bericht bewaart, mag niet opgeven bij de eerste fout: hij probeert het dagenlang opnieuw, waarschuwt de afzender na een paar uur dat de mail vertraagd is (Action: delayed), en stuurt hem pas terug als zijn tijdslimiet bereikt is.
scenario-null-mx = Null MX: een domein dat geen mail aanneemt
    .goal = Een domein kan in DNS zeggen dat het nooit e-mail ontvangt (een null MX, "MX 0 ."). De verzendende server stuurt het bericht dan meteen terug met 5.1.10, in plaats van het dagenlang te proberen.
scenario-mail-loop = Een maillus: twee servers sturen een bericht heen en weer
    .goal = Door een verkeerde instelling kunnen twee servers een bericht eindeloos naar elkaar doorsturen. Elke sprong voegt een Received-regel toe; bij 100 daarvan stopt een server de lus en stuurt hij het bericht terug (RFC 5321 §6.3).
scenario-lossy-link = Een slechte verbinding: verloren pakketten worden vertraging
    .goal = TCP stuurt elk verloren segment opnieuw, dus een slecht netwerk raakt geen mail kwijt: het maakt hem alleen trager. Elke herhaling wacht op een time-out, en de vertragingen tellen op.
scenario-smtp-smuggling = SMTP-smokkel (2023): een verborgen tweede bericht, geweigerd
    .goal = Een aanvaller verstopt een tweede, vervalst bericht achter een vals einde van de data, gemaakt van losse LF's (<LF>.<LF>). Alleen CR LF . CR LF sluit een bericht af (RFC 5321 §4.1.1.4), en een losse LF is geen regeleinde (§2.3.8): de server van Dave weigert het hele bericht, dus er wordt niets gesmokkeld.
scenario-smtp-smuggling-vulnerable = SMTP-smokkel (2023): een server die een losse LF als regeleinde leest
    .goal = Dezelfde aanval op een server die een losse LF als regeleinde leest: <LF>.<LF> sluit het eerste bericht te vroeg af, de verborgen commando's worden uitgevoerd, en een vervalst bericht van de baas komt in de mailbox van Dave terecht. Dit is het lek; draai nooit zo'n server.
scenario-forged-from = Wie stuurde dit echt? Een vervalste From: geweigerd door DMARC
    .goal = Iedereen kan From: john@isp.example typen, maar de server van Dave controleert: SPF zegt dat de computer van de vreemde geen mail mag versturen voor isp.example, er is geen DKIM-handtekening van isp.example, en het DMARC-beleid van isp.example zegt reject, dus de vervalsing krijgt 550 5.7.1 terwijl de echte mail van John erdoor komt.
scenario-altered-in-transit = Onderweg veranderd: de DKIM-hash van de berichttekst klopt niet
    .goal = De ISP ondertekent het bericht van John met DKIM, en daarna voegt zijn virusscanner onderweg een regel aan de berichttekst toe. De server van Dave berekent de hash van de berichttekst opnieuw: die is niet meer gelijk aan bh=, dus DKIM faalt. DMARC slaagt toch, omdat SPF slaagt voor isp.example: één geslaagde controle die in lijn is, is genoeg.
# Nieuwe scenario's (auth2) in het Nederlands: de titel, met het doel als .goal.
# Zelfde stijl en termen als locales/nl/scenarios.ftl. Protocolwoorden blijven letterlijk.

scenario-forwarded = Doorgestuurd: SPF breekt, DKIM blijft heel
    .goal = Dave laat zijn mail doorsturen naar zijn nieuwe adres bij elsewhere.example. De server van Dave stuurt het bericht van John onveranderd door, met de eigen envelopafzender van John, dus de laatste server ziet mail namens isp.example binnenkomen vanaf de server van Dave: SPF faalt. De DKIM-handtekening van de ISP past nog steeds bij het onveranderde bericht, dus DKIM slaagt, en DMARC slaagt dankzij DKIM.

scenario-strict-alignment = Relaxed of strict: DMARC-uitlijning bij een subdomein
    .goal = De ISP verstuurt twee nieuwsbrieven vanaf subdomeinen, allebei met DKIM ondertekend door d=isp.example; de subdomeinen publiceren geen SPF, dus alleen DKIM kan aan DMARC voldoen. Het beleid van shop.isp.example gebruikt relaxed uitlijning (adkim=r): isp.example en shop.isp.example hebben hetzelfde organisatiedomein isp.example, dus DMARC slaagt. Het beleid van news.isp.example vraagt om strict uitlijning (adkim=s): isp.example is niet precies news.isp.example, dus DMARC faalt en de server van Dave weigert die nieuwsbrief met 550 5.7.1.

scenario-spam-filter = Een extra sprong: het spamfilter
    .goal = Mail kan langs meer dan twee servers gaan: het MX-record van Dave wijst naar een filter dat elk bericht controleert, er een X-Spam-Status-header aan toevoegt met zijn score en de tests die aansloegen, en het doorstuurt naar de echte mailserver; elke sprong voegt een Received-regel toe. Het bericht van John krijgt 0 punten. De loterijmail van de vreemde krijgt 6 punten voor drie verdachte woorden, dus het filter markeert die ook met X-Spam-Flag: YES voor het mailprogramma van Dave.
