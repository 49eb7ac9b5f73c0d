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
