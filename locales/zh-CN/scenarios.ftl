# 内置场景（简体中文）：标题，目标写在 .goal 中。
# ID：scenario-名称（即 `mailsim scenarios` 显示的名称）。英文原文：场景目录
# （protocol-core/scenarios/）。协议词语保持原样。

scenario-sandbox = 沙盒（telnet）
    .goal = 自己输入 SMTP 和 POP3 命令：在 Telnet 窗格中用 telnet 连接任意一台服务器，看你输入的行如何传送。
scenario-seed-story = John 写信给 Dave
    .goal = 一封电子邮件是一跳一跳地传送的：John 的程序把它提交给他的 ISP，ISP 通过 DNS MX 找到 Dave 的邮件服务器并把邮件中继过去，Dave 的程序再用 POP3 把它下载下来。
scenario-unknown-recipient = 没有这个用户：退信
    .goal = 当接收方服务器对某个收件人回答 550 时，发送方服务器会以投递状态通知（delivery status notification）的形式把邮件退还给发件人，发件地址是空发件人 <>。
scenario-backup-mx = 主 MX 宕机：备用服务器接手
    .goal = 一个域名可以列出多台 MX 主机：当首选的那台宕机时，邮件会发往备用服务器，它先保管邮件，等主服务器恢复后再转发过去。
scenario-greylisting = 灰名单：请稍后再试
    .goal = 4xx 应答表示临时失败：发送方服务器把邮件留在队列里，稍后重试，而重试会成功。
scenario-open-relay = 谁可以中继？拒绝开放中继，必须 AUTH
    .goal = 邮件服务器只为自己的用户中继：陌生人在 25 端口会得到 550 5.7.1，就连 John 在 587 端口登录之前也会得到 530。
scenario-pop3-two-devices = 两台设备上的 POP3：留在服务器上还是删除
    .goal = POP3 会下载邮件；如果一台设备把邮件留在服务器上，另一台设备也能取到它，而 DELE 会在会话结束时把它删除，所有设备都看不到了。
scenario-too-large = 邮件太大
    .goal = 每台服务器都有大小限制，并用 SIZE 公布：超过限制的邮件会以 552 被拒绝，并作为退信退还给发件人。
scenario-no-such-domain = 域名打错了：NXDOMAIN
    .goal = 如果 DNS 说收件人的域名不存在（NXDOMAIN），就没有任何服务器能接收这封邮件，所以发件人的服务器会立刻退信。
scenario-pop3-vs-imap = 两台设备上的 POP3 与 IMAP
    .goal = POP3 把邮件下载到一台设备上，并用 DELE 把它从服务器上删除，所以手机永远看不到它。IMAP 把邮件留在服务器上：两台设备都能看到，在一台上阅读会为另一台设置 \Seen，一台上的删除会立刻反映到另一台，而 IDLE 会在新邮件到达时把它推送到手机上。
scenario-imap-folders = 文件夹：把邮件归档，并在 Sent 中保留回信的副本
    .goal = IMAP 邮件存放在服务器上的文件夹里：邮件程序把 John 的邮件从 INBOX 移到一个专门的文件夹（CREATE、UID MOVE），并用 APPEND 把 Dave 回信的副本存进 Sent。文件夹在服务器上：手机稍后查看时，发现 INBOX 是空的，因为邮件现在在 Lunch 里。
scenario-pipelining = 流水线：一批命令，按顺序应答
    .goal = 有了 PIPELINING，客户端可以一次发出 MAIL 和它所有的 RCPT 命令；服务器依次回答每一条，客户端按顺序把应答和命令对应起来，所以一个收件人被拒绝不会挡住其他收件人。
scenario-injected-faults = 故意制造的故障：421、451 和断开的连接
    .goal = 发送方服务器必须能应付行为异常的接收方服务器：遇到 421 问候、对 RCPT 的 451 应答以及在最后的句点之后断开的连接，它都保留邮件并不断重试，直到成功。这些故障是场景故意注入的；正常的服务器不会这样做。
scenario-give-up = 宕机五天：重试、延迟警告，最后退信
    .goal = 保管着邮件的服务器不能在第一次失败时就放弃：它会重试好几天，几个小时后警告发件人邮件延迟了（Action: delayed），直到达到时间上限才退信。
scenario-null-mx = Null MX：不接收邮件的域名
    .goal = 一个域名可以在 DNS 中声明它从不接收电子邮件（null MX，“MX 0 .”）。这时发送方服务器会立刻用 5.1.10 退信，而不是尝试好几天。
scenario-mail-loop = 邮件循环：两台服务器把一封邮件来回传递
    .goal = 配置错误会让两台服务器无休止地互相中继一封邮件。每一跳都会添加一行 Received；达到 100 行时，服务器会停止循环并退信（RFC 5321 §6.3）。
scenario-lossy-link = 丢包的线路：丢失的数据包变成延迟
    .goal = TCP 会重发每一个丢失的报文段，所以糟糕的网络不会丢失邮件，只会让它变慢。每次重传都要等待超时，延迟会累积起来。
scenario-smtp-smuggling = SMTP 走私（2023）：隐藏的第二封邮件被拒绝
    .goal = 攻击者用单独的 LF 组成一个假的数据结束标记（<LF>.<LF>），在它后面藏了第二封伪造的邮件。只有 CR LF . CR LF 才结束一封邮件（RFC 5321 §4.1.1.4），而单独的 LF 不是行结束符（§2.3.8）：Dave 的服务器拒绝了整封邮件，所以什么也没有被走私进来。
scenario-smtp-smuggling-vulnerable = SMTP 走私（2023）：把单独的 LF 当作行结束的服务器
    .goal = 同样的攻击，对付一台把单独的 LF 当作行结束的服务器：<LF>.<LF> 提前结束了第一封邮件，隐藏的命令被执行，一封冒充老板的伪造邮件进入了 Dave 的邮箱。这就是漏洞所在；不要运行这样的服务器。
scenario-forged-from = 到底是谁发的？伪造的 From: 被 DMARC 拒绝
    .goal = 任何人都可以写 From: john@isp.example，但 Dave 的服务器会检查：SPF 说陌生人的电脑不可以为 isp.example 发送邮件，没有来自 isp.example 的 DKIM 签名，而 isp.example 的 DMARC 策略是 reject，所以伪造的邮件得到 550 5.7.1，而 John 的真邮件顺利通过。
scenario-altered-in-transit = 途中被改动：DKIM 正文哈希验证失败
    .goal = ISP 用 DKIM 给 John 的邮件签名，随后它的病毒扫描器在邮件发出时往正文里加了一行。Dave 的服务器重新计算正文的哈希值：它不再等于 bh=，所以 DKIM 失败。DMARC 仍然通过，因为 SPF 对 isp.example 通过了：只要有一项对齐的通过就够了。
# 新增场景（auth2，简体中文）：标题，目标写在 .goal 中。
# 风格和术语同 locales/zh-CN/scenarios.ftl。协议词语保持原样。

scenario-forwarded = 转发：SPF 失败，DKIM 依然有效
    .goal = Dave 让服务器把他的邮件转发到他在 elsewhere.example 的新地址。Dave 的服务器原样转发 John 的邮件，信封发件人仍然是 John 自己的，所以最后一台服务器看到 isp.example 的邮件从 Dave 的服务器发来：SPF 失败。ISP 的 DKIM 签名仍然与未被改动的邮件相符，所以 DKIM 通过，DMARC 也凭 DKIM 通过。

scenario-strict-alignment = 宽松还是严格：子域名的 DMARC 对齐
    .goal = ISP 从子域名发出两份新闻简报，都由 d=isp.example 用 DKIM 签名；这些子域名没有发布 SPF，所以只有 DKIM 能满足 DMARC。shop.isp.example 的策略使用宽松对齐（adkim=r）：isp.example 和 shop.isp.example 同属组织域名 isp.example，所以 DMARC 通过。news.isp.example 的策略要求严格对齐（adkim=s）：isp.example 与 news.isp.example 并不完全相同，所以 DMARC 失败，Dave 的服务器用 550 5.7.1 拒收了这份简报。

scenario-spam-filter = 多出的一跳：垃圾邮件过滤器
    .goal = 邮件可能经过不止两台服务器：Dave 的 MX 记录指向一个过滤器，它检查每封邮件，添加一个带有分数和命中测试的 X-Spam-Status 邮件头，再把邮件中继给真正的邮件服务器；每一跳都会添加一行 Received。John 的邮件得 0 分。陌生人的彩票邮件因为三个可疑的词得了 6 分，所以过滤器还给它加上 X-Spam-Flag: YES，供 Dave 的邮件程序识别。
