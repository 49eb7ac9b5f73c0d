# MailSim 自己的文字（简体中文，参见 locales/en/ui.ftl）。
# 协议行（EHLO、250 OK、+OK）从不翻译。

## 练习单（mailsim run --format narrated）

worksheet-heading = MailSim 练习单：{ $title }
worksheet-how-to-read = 阅读方法：每个事件（虚拟时间、从 -> 到、协议、发生了什么）后面是它的说明。一条说明第一次出现时完整印出，并带有编号 [n]；之后意思相同的事件只写“见 [n]”。C: 是客户端发送的一行，S: 是服务器发送的一行。
worksheet-payload-size = { $lines } 行，{ $bytes } 字节
worksheet-more-lines = 还有 { $count } 行
worksheet-no-explanation = 没有 { $key } 的说明
worksheet-see = 见
