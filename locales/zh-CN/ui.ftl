# MailSim 自己的文字（简体中文，参见 locales/en/ui.ftl）。
# 协议行（EHLO、250 OK、+OK）从不翻译。

## 练习单（mailsim run --format narrated）

worksheet-heading = MailSim 练习单：{ $title }
worksheet-how-to-read = 阅读方法：每个事件（虚拟时间、从 -> 到、协议、发生了什么）后面是它的说明。一条说明第一次出现时完整打印出来，并带有编号 [n]；之后意思相同的事件只写“见 [n]”。C: 是客户端发送的一行，S: 是服务器发送的一行。
worksheet-payload-size = { $lines } 行，{ $bytes } 字节
worksheet-more-lines = 还有 { $count } 行
worksheet-no-explanation = 没有 { $key } 的说明
worksheet-see = 见

## 讲解（发生了什么）

narration-label = 讲解
narration-title = 发生了什么
narration-goal = 目标：
narration-empty-hint = 还什么都没有发生。在 Telnet 窗格中输入，例如：telnet mail.dave.example 25
narration-start-hint = 按“播放”（或空格键）观看邮件的旅程，或用方向键一步一步地看。
narration-reference = 出处：
narration-internal-step = 一台主机内部的一步：它的邮件程序或邮件服务器记下会话进行到了哪里。
narration-host-up = { $host } 已开启
narration-host-down = { $host } 已关闭
narration-relayed = { $id } 已中继到 { $host }，收件人 { $rcpts }
narration-state-final = 服务器的会话现在处于状态 { $state }：会话已结束。
narration-state-accepts = 服务器的会话现在处于状态 { $state }。在这个状态下，它接受：{ $commands }。
narration-later = { $duration }之后
duration-second = { $n } 秒
duration-minute = { $n } 分钟
duration-hour = { $n } 小时
duration-day = { $n } 天
duration-short-s = { $n } 秒
duration-short-min = { $n } 分钟
duration-short-h = { $n } 小时

## 场景结束

wrap-title = 结束：发生了什么
wrap-no-hops = 没有传送任何邮件内容。
wrap-hops = 邮件经过了 { $count } 跳：{ $hops }。
wrap-dave-inbox = Dave 的收件箱：{ $count } 封邮件。
wrap-john-inbox = John 的收件箱：{ $count } 封邮件。
wrap-john-inbox-bounces = John 的收件箱：{ $count } 封邮件（其中 { $bounces } 封是退回给 John 的退信）。
wrap-queued = 还在某台邮件服务器的队列里等待重试：{ $count } 封邮件。
wrap-took = 整个过程用了 { $duration }的模拟时间（{ $steps } 步）。
wrap-where = 邮件现在在哪里：{ $now }
wrap-showed = 它展示了什么：
wrap-again = 按“播放”再看一遍，或选择另一个场景。

## 检查器

inspector-label = 检查器
inspector-views = 检查器视图
inspector-tab-line = 行
inspector-tab-machine = 状态机
inspector-tab-message = 邮件
inspector-tab-telnet = Telnet
line-nothing = 还没有选中任何内容：前进一步，或点击时序图中的箭头。
line-event-at = 第 { $n } 个事件，时间 { $time }
line-raw = 原始字节
line-raw-note = （每行以 CR LF 结尾）
line-parsed = 解析结果
line-meaning = 含义
machine-title = { $host } 上的 { $protocol } { $side }会话 #{ $conn }
machine-side-server = 服务器
machine-side-client = 客户端
machine-to-on = 转到 { $state }，触发事件：
machine-diagram-label = { $protocol } { $side }状态机
machine-note-server = 根据核心中服务器的状态转换表绘制：● 表示它现在所处的状态；刚刚发生的转换已标出。大写的事件是命令。
machine-note-client = 根据核心中客户端的状态转换表绘制：● 表示它现在所处的状态；刚刚发生的转换已标出。客户端根据服务器的应答而转换状态。
line-sender-checks = 这一步的全部发件人检查
line-sender-checks-reply = 这个回复背后的发件人检查（在 DATA 结束时对邮件进行）
machine-none = 这个事件不属于 SMTP 或 POP3 会话：没有状态机可以显示。
message-none = 还没有邮件被传送。John 的程序在 DATA 之后发送邮件时，它就会出现在这里。
message-at-hop = 在这一跳：{ $hop } · { $count } 行 Received:
message-envelope = 信封
message-headers = 邮件头
message-body = 正文

## 工具栏和进度条

lang-label = 语言
lang-unavailable = 无法加载这种语言；页面保持当前显示的语言。
toolbar-scenario = 场景
toolbar-open = 打开
toolbar-open-title = 打开列表中选中的场景（Enter）
toolbar-compose = 写邮件
toolbar-predict = 预测
toolbar-predict-title = 预测：故事在每个应答、每个 DNS 应答和每个邮件服务器的决定之前停下，问你接下来会发生什么
toolbar-playback = 播放控制
toolbar-restart = 重新开始
toolbar-restart-title = 从头开始（Home）
toolbar-back = 后退一步
toolbar-back-title = 后退一步（←）
toolbar-play = 播放
toolbar-play-title = 播放（空格）
toolbar-pause = 暂停
toolbar-pause-title = 暂停（空格）
toolbar-forward = 前进一步
toolbar-forward-title = 前进一步（→）
toolbar-end = 到结尾
toolbar-end-title = 跳到结尾（End）
toolbar-speed = 速度
toolbar-keysteps = 关键步骤
toolbar-keysteps-title = 只播放和浏览线路上的行、DNS、队列和邮箱的变化
toolbar-shortcuts = 键盘快捷键
toolbar-shortcuts-title = 键盘快捷键（?）
toolbar-theme = 主题
toolbar-theme-title = 颜色：跟随系统设置，或始终浅色，或始终深色
theme-system = ◐ 跟随系统
theme-light = ☀ 浅色
theme-dark = ☾ 深色
scrubber-label = 在跟踪记录中的位置
scrubber-start = 第 0 步，共 { $len } 步：开始
scrubber-step = 第 { $n } 步，共 { $len } 步
scrubber-vtime = 模拟时间
scrubber-vtime-title = 模拟世界中的虚拟时间

## 屏幕阅读器每一步读出的内容

announce-start = 开始。
announce-step = 第 { $n } 步，共 { $len } 步。
announce-end = 第 { $n } 步，共 { $len } 步，结束。
predict-announce = 预测：{ $prompt } 选项：{ $choices }。

## 命令行（mailsim explain）

cli-explain-total = 共 { $total } 条说明，分为 { $groups } 组。
cli-explain-group = { $count } 条

## 对话框：键盘帮助、写邮件、邮件查看器

dialog-close = 关闭
dialog-cancel = 取消
help-play = 播放 / 暂停
help-forward = 前进一步
help-back = 后退一步
help-restart = 重新开始
help-end = 跳到结尾
help-speed = 加快 / 放慢
help-clickers = 前进 / 后退一步（演示翻页笔）
help-presenter = 打开 / 关闭演示模式
help-blank = 黑屏（演示模式）；按任意键恢复
help-leave-presenter = 退出演示模式
help-help = 显示这个帮助
help-predict = 预测：回答问题
help-diagram = 时序图中的上一个 / 下一个箭头
help-tabs = 切换检查器视图（焦点在标签上时）
help-close = 关闭
help-note = 点击时序图中的任意箭头即可跳到那一步；时序图获得焦点时，用 ↑ 和 ↓ 在箭头之间移动。
compose-from = 发件人
compose-to = 收件人
compose-subject = 主题
compose-message = 邮件内容
compose-send = 发送
viewer-in-dave = Dave 收件箱中的邮件
viewer-in-john = John 收件箱中的邮件
viewer-download = 下载邮件
viewer-auth-title = 到底是谁发的？接收服务器的检查
viewer-auth-intro = 在回答 250 之前，接收这封邮件的服务器用这些 DNS 应答一步一步地检查了发件人：SPF（这台服务器可以替信封里的域名发邮件吗？RFC 7208）、DKIM（签名是否有效？RFC 6376）、DMARC（通过的检查是否与 From: 域名一致？RFC 7489）。结果就是上面的 Authentication-Results: 邮件头（RFC 8601）。

## 邮箱、队列、网络图、时序图

inbox-dave = Dave 的收件箱
inbox-john = John 的收件箱
inbox-dave-empty = 空：还没有投递任何邮件。
inbox-john-empty = 空：退信会出现在这里。
inbox-queue = ISP 的队列
inbox-queue-empty = 空。
inbox-retry-at = 在 { $time } 重试
inbox-on-server = 在服务器上
inbox-deleted = 已从服务器删除
inbox-downloaded-to = 已下载到 { $device }（POP3）
inbox-read-on = 已在 { $device } 上阅读（IMAP）
inbox-moved-to = 已移到服务器上的文件夹 { $folder }（IMAP）
inbox-no-flags = 没有标志
inbox-flags = 标志 { $flags }
inbox-queue-at = { $host } 上的队列
inbox-received = { $count } 行 Received
map-label = 网络图
sequence-label = 时序图
sequence-steps = 时序图的步骤
sequence-payload = [邮件，{ $lines } 行] { $first }
seq-step-aria = 第 { $n } 步：{ $from } → { $to }：{ $label }
seq-step-aria-state = ；服务器的状态现在是 { $states }

## 预测

predict-score = 得分：答对 { $right } 题，共答 { $given } 题（这个场景共有 { $all } 个问题）
predict-tag = 预测接下来会发生什么
predict-keys = 按键 1 到 { $n }
predict-right = 答对了！
predict-wrong = 这次不对：答案是 { $answer }。
predict-chose = 你选择了 { $choice }。
predict-no-more = 这个场景没有更多问题了。
predict-play-on = 继续播放或前进：故事会在下一个问题处停下。
telnet-predict-hidden = …（回答预测问题后才显示）
telnet-predict-hint = 预测模式已开启：服务器会怎样回复？回答“发生了什么”下的问题（播放会前进到下一个问题）后，这里会显示回复。

## 课堂工具

classroom-presenter = 演示模式
classroom-presenter-title = 投影用的大字体（P）；PageDown / PageUp 前进或后退一步，B 黑屏，Esc 退出
classroom-copy = 复制链接
classroom-copy-title = 复制指向这个场景这一步的链接
classroom-download = 下载
classroom-download-transcript = 下载文字记录
classroom-download-svg = 下载时序图
classroom-download-json = 下载跟踪记录
classroom-dismiss = 关闭

## 网络图上的主机角色、解析出的字段、世界编辑器按钮

toolbar-edit-world = 编辑世界
role-computer = 电脑
role-isp-server = ISP 服务器
role-dns-server = DNS 服务器
role-mail-server = 邮件服务器
parsed-protocol = 协议
parsed-connection = 连接
parsed-direction = 方向
parsed-command = 命令
parsed-argument = 参数
parsed-reply-code = 应答码
parsed-enhanced-status = 增强状态码
parsed-last-line-of-reply = 应答的最后一行
parsed-status = 状态
parsed-kind = 类型
parsed-size = 大小
parsed-query-id = 查询 ID
parsed-name = 名称
parsed-type = 记录类型
parsed-answer = 应答
parsed-port = 端口
parsed-queue-id = 队列 ID
parsed-envelope-sender = 信封发件人
parsed-recipients = 收件人
parsed-attempt = 第几次尝试
parsed-next-try-at = 下次尝试时间
parsed-reason = 原因
parsed-notification-to = 通知发给
parsed-side = 哪一方
parsed-new-state = 新状态
parsed-value-to-server = 从客户端到服务器
parsed-value-to-client = 从服务器到客户端
parsed-value-more-follow = 否（后面还有更多行）
parsed-value-yes = 是
parsed-value-message-text = 邮件正文
parsed-value-login-answer = 登录应答（base64）
parsed-value-lines-bytes = { $lines } 行，{ $bytes } 字节
parsed-value-bytes = { $bytes } 字节
parsed-value-client = 客户端
parsed-value-server = 服务器
classroom-copied = 链接已复制。打开它的人会看到这个场景的这一步。
classroom-copy-refused = 浏览器不允许页面复制。请选中下面的链接，自己复制（Ctrl+C）。
classroom-link-label = 指向这一步的链接

## “预测”的问题和选项

quiz-greeting = 一个客户端刚刚连接到 { $server }。{ $server } 会怎样问候它？
quiz-end-of-message = { $server } 已经收到了邮件和最后的句点。它会怎样回答？
quiz-login-answer = { $server } 收到了登录过程中的一行。它会怎样回答？
quiz-reply = { $server } 收到了“{ $line }”。它会怎样回答？
quiz-imap-tagged = { $server } 收到了 { $tag } { $verb }。它带标签的应答（以 { $tag } 开头的那一行）以什么开头？
quiz-dns = { $host } 向 DNS 查询了 { $name } 的 { $qtype } 记录。会得到什么样的应答？
quiz-mx = { $host } 有发往 { $domain } 的邮件（{ $list }）。它现在要查找哪台邮件主机，以便连接过去？
quiz-mx-none = { $host } 有发往 { $domain } 的邮件（没有 MX 记录）。它现在要查找哪台邮件主机，以便连接过去？
quiz-mta = { $host } 还没能投递发给 { $rcpts } 的邮件。它现在会怎么做？
quiz-choice-own-a = { $domain } 本身（它自己的 A 记录）
quiz-choice-mx = { $host }（MX { $pref }）
quiz-choice-bounce-now = 一台也不查：它立刻退信
quiz-choice-retry = 把邮件留在队列里，稍后重试
quiz-choice-bounce = 放弃，并给发件人发送退信
quiz-choice-drop = 直接丢弃，不发退信

## 词汇表（src/glossary.rs）

glossary-mx = MX 记录
glossary-mx-def = 一条 DNS 记录，写明一个域名的邮件服务器，并带有优先级数字：数字最小的先尝试（RFC 5321 §5.1）。
glossary-envelope = 信封
glossary-envelope-def = 用 MAIL FROM 和 RCPT TO 给出的发件人和收件人。服务器按信封投递，而不是按邮件里的 From: 和 To: 行（RFC 5321 §2.3.1）。
glossary-relay = 中继
glossary-relay-def = 把邮件交给下一台邮件服务器，而不是自己留下；这样做的服务器叫作中继（RFC 5321 §2.3.10）。
glossary-bounce = 退信
glossary-bounce-def = 邮件无法投递时，从空发件人 <> 发回给信封发件人的报告（RFC 5321 §4.5.5，RFC 3464）。
glossary-queue = 队列
glossary-queue-def = 邮件服务器已经接收（回答了 250）但还没有交出去的邮件；它会一直重试，直到放弃（RFC 5321 §4.5.4.1）。
glossary-greylisting = 灰名单
glossary-greylisting-def = 一种反垃圾邮件的办法：陌生发件人的第一次尝试会得到 4xx“请稍后再试”。真正的邮件服务器会再来，很多垃圾邮件程序不会（RFC 6647）。
glossary-pipelining = 流水线
glossary-pipelining-def = 一次发出好几条命令，不等每条的应答；应答按同样的顺序回来（RFC 2920）。
glossary-nxdomain = NXDOMAIN
glossary-nxdomain-def = DNS 应答“这个名字不存在”（RFC 1035 §4.1.1，RFC 8020）。
glossary-octet = 八位组
glossary-octet-def = 八个比特，也就是大多数人说的字节。RFC 说八位组，是因为有些老电脑的字节不是八位。
glossary-spf = SPF
glossary-spf-def = 发件人策略框架：域名在 DNS 里列出哪些服务器可以替它发邮件，接收方据此检查连进来的服务器（RFC 7208）。
glossary-dkim = DKIM
glossary-dkim-def = 域名密钥识别邮件：发送方域名给邮件签名，接收方用 DNS 里的公钥检查签名（RFC 6376）。
glossary-dmarc = DMARC
glossary-dmarc-def = 域名在 DNS 里的策略：From: 是这个域名的邮件，必须为与之对齐的域名通过 SPF 或 DKIM；策略规定其他邮件是放行、隔离还是拒收（RFC 7489）。
glossary-update = Update 状态
glossary-update-def = POP3 的最后一个状态：在 Transaction 状态下发送 QUIT 之后，服务器删除用 DELE 标记过的邮件，然后关闭连接。连接意外断开时不会进入这个状态，所以什么也不会删除（RFC 1939 §6）。

## telnet 面板（src/telnet.rs、src/components/telnet.rs）：帮助、提示和说明。
## 线路上的行和 telnet 自己的消息（Trying …、Connected to …）不在这里：保持原样。
## 命令、状态名和主机名保持英文。

telnet-help-intro = 本面板的命令（只在这里执行，不会发到网络上）：
telnet-help-telnet = 打开一个连接（也可用 open、nc），例如 telnet mail.dave.example 25
telnet-help-b64 = TEXT 的 base64；\0 表示一个 NUL 字节：b64 \0john\0john-pass
telnet-help-b64-plain = 用户 U、密码 P 的 AUTH PLAIN 字符串
telnet-help-b64-decode = 解码 base64（AUTH LOGIN 的 334 提示）
telnet-help-wait = 让时间流逝（例如 wait 15m），或一直等到队列里的下一次重试
telnet-help-quit = 关闭这个标签页（已连接时，QUIT 会发给服务器）
telnet-help-local = 即使已连接，b64 和 wait 也只在面板里执行。
telnet-help-help = 显示这个列表
telnet-help-keys = 按键：Enter 发送这一行（带 CR LF）· 上/下方向键调出之前的行 · Ctrl+] 关闭连接。
telnet-help-ports = 端口：25 服务器之间的 SMTP · 587 提交（用 AUTH 登录）· 110 POP3 · 143 IMAP（每条命令以标签开头：a1 LOGIN dave dave-pass）。
telnet-help-servers = 服务器：smtp.isp.example（John 的 ISP：发信，25 和 587），pop.isp.example（John 的邮箱，110），mail.dave.example（Dave 的邮件服务器：25、110 和 143，POP3 和 IMAP 共用一个邮箱），ns.example（只有 DNS）。
telnet-help-john = John 的邮箱：telnet pop.isp.example 110（ISP 的 POP3 服务；与 smtp.isp.example 是同一台机器，但域名和端口不同）。
telnet-help-accounts = 账户：john / john-pass 用于 smtp.isp.example 和 pop.isp.example · dave / dave-pass 用于 mail.dave.example。
telnet-hint-not-connected = 未连接。试试：telnet mail.dave.example 25 · telnet smtp.isp.example 587 · telnet mail.dave.example 110 · help
telnet-hint-refused = 被拒绝。
telnet-hint-smtp = SMTP，状态 { $state }：服务器期待 { $expects }
telnet-hint-smtp-data = SMTP，状态 Data：输入邮件（邮件头、空行、正文）；只有一个 . 的行表示结束。以点开头的行会丢掉这个点（RFC 5321 §4.5.2）：要发送以点开头的行，就在行首多输入一个点（..）。
telnet-hint-smtp-auth = SMTP，状态 Auth：用一行 base64 回答 334（b64 可以帮忙）；* 表示取消。
telnet-hint-smtp-closed = SMTP，状态 Closed：服务器已结束会话。
telnet-hint-pop3 = POP3，状态 { $state }：现在可用 { $valid }
telnet-hint-pop3-ending = POP3，状态 { $state }：会话即将结束。
telnet-hint-imap-login = IMAP，状态 { $state }：每条命令以标签开头，例如 a1 LOGIN dave dave-pass
telnet-hint-imap-selected = IMAP，状态 { $state }：例如 a3 FETCH 1 (FLAGS BODY.PEEK[]) · 现在可用 { $valid }
telnet-hint-imap = IMAP，状态 { $state }：例如 a2 SELECT INBOX · 现在可用 { $valid }
telnet-hint-imap-logout = IMAP，状态 { $state }：会话即将结束。
telnet-b64-usage = 用法：b64 TEXT（\0 表示 NUL 字节）· b64 plain 用户名 密码 · b64 -d BASE64
telnet-b64-decoded = b64：{ $text } 解码后是：
telnet-b64-not-base64 = b64：{ $text } 不是 base64（只能有字母、数字、+ 和 /）
telnet-b64-plain = b64：{ $text } 的 base64（AUTH PLAIN：NUL、用户名、NUL、密码）：
telnet-b64-now-type = 现在输入：{ $line }
telnet-b64-encoded = b64：{ $text } 的 base64：
telnet-usage-open = 用法：{ $cmd } 主机 端口，例如：{ $cmd } mail.dave.example 25
telnet-nc-no-port = nc：缺少端口号（试试：nc { $host } 25）
telnet-usage-open-one = 用法：{ $cmd } 主机 端口（一个主机，一个端口）
telnet-wait-too-long = { $cmd }：一次最多 { $most }
telnet-usage-wait = 用法：{ $cmd } [时长]，例如：{ $cmd } 15m
telnet-not-a-command = { $cmd }：不是本面板的命令。尚未连接：请先输入 telnet 主机 端口（help 列出所有命令）。
telnet-moved-world = 连接已关闭：面板切换到了另一个世界。
telnet-joined-world = 现在在“{ $title }”的世界里输入，时间停在 { $time }（已发生 { $events } 个事件）；剧本的其余部分仍会发生。
telnet-new-session = 会话 { $id }，从 { $host } 输入。输入 help，或者例如：telnet mail.dave.example 25
telnet-new-source = 新连接现在从 { $host } 发起。
telnet-paste-too-long = 什么也没发送：粘贴的文本有 { $lines } 行，而面板一次最多发送 { $most } 行。请分几次粘贴。
telnet-pipelining-smtp = { $lines } 行一起发出，没有等待每条回复：这就是流水线（pipelining，RFC 2920）。宣布支持 PIPELINING 的服务器会按顺序读取它们，并按顺序逐条回复。
telnet-pipelining-pop3 = { $lines } 行一起发出，没有等待每条回复：这就是流水线（pipelining，POP3 见 RFC 2449）。宣布支持 PIPELINING 的服务器会按顺序读取它们，并按顺序逐条回复。
telnet-pipelining-imap = { $lines } 行一起发出，没有等待每条回复：这就是流水线（pipelining，IMAP 见 RFC 9051 §5.5）。宣布支持 PIPELINING 的服务器会按顺序读取它们，并按顺序逐条回复。
telnet-tab-closed = 已关闭。输入 telnet 主机 端口 打开连接，或输入 help。
telnet-no-such-host = telnet：这个世界里没有主机 { $host }
telnet-wait-nothing = 没有要发生的事：队列里没有重试，也没有安排任何事。（wait 10m 仍然可以让时间流逝。）
telnet-time-passes = 时间流逝：{ $duration }（时钟从 { $from } 走到 { $until }）……
telnet-nothing-to-close = 未连接：没有可关闭的连接。
telnet-retry-queued = { $host } 把邮件留在队列里（{ $reason }），将在 { $next } 重试，即 { $wait } 之后。只有输入 wait 时这里的时间才会流逝：试试 wait，或 wait { $short }。
telnet-from = 从
telnet-from-label = 从哪台主机输入
telnet-world = 世界
telnet-world-label = telnet 世界
telnet-world-sandbox = 沙盒
telnet-world-joined = 已加入：{ $title }
telnet-world-join = 加入：{ $title }，在光标处
telnet-new-tab-label = 新的 telnet 会话
telnet-new-tab-title = 新会话（新标签页）
telnet-download = 下载会话
telnet-transcript-head = MailSim telnet 会话，所在世界：“{ $world }”（模拟时间 { $time }）
telnet-transcript-legend = $ 表示在面板中输入的命令，C: 表示发给服务器的一行，S: 表示服务器发来的一行，# 表示面板的提示。
telnet-download-title = 把本面板的所有会话保存为文本文件
telnet-output-label = telnet 输出
telnet-input-label = telnet 命令
telnet-input-connected = 给服务器的一行，然后按 Enter（Ctrl+] 关闭）

## 事件的一行摘要（src/state.rs，event_summary）。

event-connected = #{ $conn } 已连接到端口 { $port }（{ $protocol }）
event-refused = 到端口 { $port } 的连接被拒绝（RST）
event-unreachable-host = 端口 { $port } 不可达：主机已关闭
event-unreachable-link = 端口 { $port } 不可达：网络链路已断开
event-closed = #{ $conn } 已关闭
event-dns-query = 查询 #{ $id } { $name } { $qtype }？
event-dns-answer = 应答 #{ $id } { $name } { $qtype }：{ $answer }
dns-answer-nodata-words = NOERROR，没有记录（NODATA）
dns-answer-nxdomain-words = NXDOMAIN
dns-answer-servfail-words = SERVFAIL（服务器无法应答）
event-state-client = #{ $conn } 客户端状态 -> { $state }
event-state-server = #{ $conn } 服务器状态 -> { $state }
event-queued = { $id } 已进入队列，发件人 <{ $from }>，收件人 { $rcpts }（{ $size } 字节）
event-retry = { $id } 第 { $attempt } 次尝试失败（{ $reason }）；将在 { $next } 重试
reason-dns-no-answer = DNS 服务器没有应答
reason-temporary = 临时故障
reason-dns-servfail = DNS 服务器故障（SERVFAIL）
reason-no-host = { $ip } 上没有主机
reason-connect = 连接 { $host }:25：{ $why }
reason-refused = Connection refused（连接被拒绝）
reason-host-down = No route to host（主机已停机）
reason-link-down = Network is unreachable（链路已断开）
event-delivered = { $id } 已投递给 <{ $rcpt }>，存入邮箱 { $mailbox }（uid { $uid }）
event-bounced = { $id } 对 { $rcpts } 退信：退信通知 { $bounce } 发给 <{ $to }>
event-bounce-discarded = { $id } 对 { $rcpts } 投递失败；退信本身永远不会再退信
event-retrieved = { $mailbox } 已取回 { $uid }
event-deleted = { $mailbox }：{ $uid } 已删除
event-link-up = 链路已接通
event-link-down = 链路已断开

## 打印用的记录（src/components/panels.rs，Transcript）

print-transcript = 文字记录
print-transcript-title = 文字记录：{ $title }
print-step = 步骤
print-time = 时间
print-hosts = 主机
print-kind = 类型
print-what = 内容

## 下载的文字记录（src/export.rs，transcript）

download-transcript-heading = MailSim 文字记录：{ $title }
download-transcript-legend = C: 是客户端发出的行，S: 是服务器发出的行。时间是模拟世界里的时间（时:分:秒）。
download-transcript-hosts = 主机：

## 下载的时序图（src/export.rs，sequence_svg）

download-svg-title = MailSim：{ $title }
download-svg-desc = MailSim 时序图：每台主机一列，时间从上往下走；共 { $n } 个事件。
download-svg-legend = 时间从上往下走，每台主机一列。
download-svg-lines = SMTP 是实线箭头，POP3 是虚线，IMAP 是点划线，DNS 是点线；圆点表示一台主机内部的一个步骤。
download-svg-step = 第 { $n } 步：{ $label }

## 世界编辑器（src/components/lab.rs）：标题和按钮

lab-intro = 正在修改“{ $title }”。按“运行”后，世界会从头重新运行；同一个世界每次都以同样的方式运行。
lab-open-file = 打开场景文件（.toml）
lab-save-file = 下载场景文件
lab-hosts = 主机及其服务
lab-changes = 随时间发生的变化
lab-links = 链路：延迟和丢包
lab-dns = DNS：MX 记录
lab-dns-other = 其他 DNS 更改
lab-faults = 注入的故障
lab-policies = 服务器策略
lab-run = 运行这个世界
lab-running = 正在运行世界“{ $title }”……
lab-running-events = 正在运行世界：到目前为止 { $n } 个事件……
lab-edited-title = { $title }（已修改）
lab-file-failed = 浏览器无法生成这个文件
lab-file-unreadable = { $file }：无法读取这个文件
lab-remove = 删除
lab-col-host = 主机
lab-col-address = 地址
lab-col-services = 服务（端口）
lab-col-down-up = 停机或恢复
lab-host-address = { $host } 的地址
lab-svc-submission = 邮件提交
lab-down-now = 立即停机
lab-up-later = 稍后恢复
lab-take-down = 让 { $host } 立即停机
lab-bring-up = 让 { $host } 稍后恢复运行
lab-changes-help = 主机或链路在开始之后的某个时间停机或恢复，时间写作 "0s"、"90s"、"20m" 或 "1h"。邮件服务器停机期间，向它发送邮件的邮件服务器会把邮件留在队列里，稍后重试（RFC 5321 §4.5.4.1）。
lab-col-at = 时间
lab-col-what = 发生什么
lab-col-other-end = 另一端（链路）
lab-add-change = 添加一个链路变化
lab-kept-steps = 这个世界还有 { $n } 个邮件程序步骤（发送和收取邮件），它们保持不变。
lab-change-host-down = 主机停机
lab-change-host-up = 主机恢复运行
lab-change-link-down = 链路断开
lab-change-link-up = 链路恢复
lab-change-time = 变化 { $n } 的时间
lab-change-what = 变化 { $n } 中发生什么
lab-change-host = 变化 { $n } 的主机
lab-change-other = 变化 { $n } 中链路的另一端
lab-change-remove = 删除变化 { $n }
lab-links-help = 延迟是一个报文段从一台主机到达另一台主机所用的时间。丢包率是丢失的报文段所占的比例：TCP 会在超时后重新发送丢失的报文段，所以你看到的丢包表现为延迟（每次重传都有一条说明），而不会表现为数据缺失。
lab-col-other-host = 另一台主机
lab-col-latency = 延迟
lab-col-loss = 丢包率（%）
lab-add-link = 添加一条链路设置
lab-link-host = 链路 { $n } 的主机
lab-link-other = 链路 { $n } 的另一台主机
lab-link-latency = 链路 { $n } 的延迟
lab-link-loss = 链路 { $n } 的丢包率（百分比）
lab-link-remove = 删除链路 { $n }
lab-dns-help = MX 记录说明哪台邮件服务器接收某个域名的邮件；优先值最小的先尝试（RFC 5321 §5.1）。每台主机的 A 记录就是它在主机表中的地址。
lab-col-domain = 域名
lab-col-preference = 优先值
lab-col-mail-server = 邮件服务器
lab-add-mx = 添加一条 MX 记录
lab-add-null-mx = 添加一条空 MX 记录
lab-mx-domain = MX 记录 { $n } 的域名
lab-mx-preference = MX 记录 { $n } 的优先值
lab-mx-host = MX 记录 { $n } 的邮件服务器
lab-mx-remove = 删除 MX 记录 { $n }
lab-dns-other-help = 一个名称可以得到一条（额外的）A 记录，可以失去它的地址（这时 MX 主机无法到达，RFC 5321 §5.1），可以完全不接收邮件（空 MX，RFC 7505），也可以不存在（NXDOMAIN，RFC 1035 §4.1.1：发送方立刻退信）。TXT 记录会替换这个名称的文本记录：SPF 列表（RFC 7208 §3），或位于 _dmarc.<域名> 的 DMARC 策略（RFC 7489 §6.1）。
lab-col-change = 变化
lab-col-name = 名称
lab-col-value = 地址（A）或文本（TXT）
lab-add-dns = 添加一个 DNS 更改
lab-dns-a = 有这个地址（A 记录）
lab-dns-no-a = 没有地址（没有 A 记录）
lab-dns-null-mx = 不接收邮件（空 MX）
lab-dns-nxdomain = 不存在（NXDOMAIN）
lab-dns-txt = 有这条文本记录（TXT：SPF、DMARC）
lab-dns-servfail = 无法得到应答（SERVFAIL）
lab-dns-kind = DNS 更改 { $n } 的类型
lab-dns-name = DNS 更改 { $n } 的名称
lab-dns-value = DNS 更改 { $n } 的地址或文本
lab-dns-remove = 删除 DNS 更改 { $n }
lab-faults-help = 故障让一台邮件服务器故意给出错误的应答（例如对 RCPT 应答 451，或在问候时应答 421）。讲解会把每个故障标为“注入的”：正常的邮件服务器不会这样做。
lab-col-server = 邮件服务器
lab-col-when = 何时
lab-col-it = 行为
lab-col-reply = 应答
lab-col-times = 次数
lab-add-fault = 添加一个故障
lab-fault-server = 故障 { $n } 的邮件服务器
lab-fault-when = 故障 { $n } 何时发生
lab-fault-does = 故障 { $n } 中邮件服务器做什么
lab-fault-answers = 给出应答
lab-fault-drops = 断开连接
lab-fault-reply = 故障 { $n } 的应答
lab-fault-every-time = 每次
lab-fault-times = 故障 { $n } 的次数（留空：每次）
lab-fault-remove = 删除故障 { $n }
lab-stage-greeting = 在问候时
lab-stage-ehlo = 在 EHLO 或 HELO 之后
lab-stage-mail = 在 MAIL FROM 之后
lab-stage-rcpt = 在 RCPT TO 之后
lab-stage-data = 在 DATA 之后
lab-stage-dot = 在表示结束的点（.）之后
lab-local-domains = 本地域名（邮箱在这里）
lab-relay-domains = 中继域名（转交出去）
lab-relay-networks = 无需登录即可中继的网络
lab-open-relay = 开放中继：互联网上任何人都可以通过这台邮件服务器发送邮件
lab-open-relay-help = 真实的邮件服务器不会这样设置：垃圾邮件发送者几小时内就会找到开放中继并通过它发送邮件，之后其他邮件服务器就会拒收它的邮件（RFC 2505，给邮件服务器的反垃圾邮件建议）。
lab-pipelining = 提供 PIPELINING：客户端可以发送 MAIL、RCPT 和 DATA 而不必等待每个应答（RFC 2920）
lab-bare-lf = 把单独的 LF 当作行尾（不安全：会受到 SMTP 走私攻击）
lab-bare-lf-help = RFC 5321 §2.3.8 规定一行只能以 CR LF 结尾。一台也接受单独 LF 的邮件服务器可能被 "<LF>.<LF>" 欺骗，过早结束一封邮件，于是第二封伪造的邮件藏在第一封里面（SMTP 走私，2023 年）。安全的邮件服务器会用 554 拒绝这样的邮件。
lab-greylist = 灰名单延迟
lab-size-limit = 大小上限（字节）
lab-accounts = 账户：
lab-account-login = 新账户 { $n } 的用户名
lab-account-password = 新账户 { $n } 的密码
lab-account-address = 新账户 { $n } 的地址
lab-add-account = 在 { $host } 上添加账户
lab-retry = 重试计划（所有邮件服务器）
lab-retry-wait = 两次尝试之间等待
lab-retry-give-up = 多久后放弃
lab-retry-help = 留空：使用邮件服务器自己的计划（先等 15 分钟，之后等待越来越久；4 天后退信）。

## 世界编辑器在字段有误时的提示。{ $why } 是场景读取器自己的英文（与 CLI 共用）。

lab-bad-ip = { $host }：地址 { $value } 不是 IPv4 地址（应类似 192.0.2.25）
lab-bad-greylist = { $host }：灰名单延迟：{ $why }
lab-bad-size = { $host }：大小上限 { $value } 不是字节数（应类似 10000）
lab-cannot-empty = { $host }：默认世界的设置不能在场景文件中清空；请给它一个值
lab-bad-percent = { $value } 不是 0 到 100 之间的百分比（应类似 20 或 2.5）
lab-dns-needs-name = DNS 更改 { $n }：需要一个名称，例如 mail.dave.example
lab-dns-bad-ip = DNS 更改 { $n }：地址 { $value } 不是 IPv4 地址（应类似 192.0.2.25）
lab-fault-bad-times = 注入的故障 { $n }：“{ $value }”不是次数（应类似 2；留空表示每次）
lab-fault-needs-reply = 注入的故障 { $n }：请写出邮件服务器改为给出的应答，例如 451 4.3.0 Try again later，或者选择断开连接
lab-mx-needs-domain = DNS：每条 MX 记录都需要一个域名，例如 dave.example
lab-mx-bad-preference = DNS：{ $domain } 的一条 MX 记录的优先值 { $value } 不是 0 到 65535 之间的数字
lab-mx-needs-host = DNS：{ $domain } 的 MX 记录需要一个邮件服务器的名称（空 MX 写 "."）
lab-mx-keep-one = DNS：{ $domain } 在这里至少需要一条 MX 记录（场景文件可以修改默认世界的记录，但不能把它们全部删除）
lab-bad-retry = 重试计划：{ $why }
lab-retry-empty = 重试计划：请至少给出一个间隔，例如 15m, 1h
lab-bad-give-up = 多久后放弃：{ $why }
lab-change-bad-time = 变化 { $n }：时间：{ $why }
lab-change-needs-host = 变化 { $n }：请选择一台主机
lab-link-bad-latency = 链路 { $a } – { $b }：延迟：{ $why }
lab-link-bad-loss = 链路 { $a } – { $b }：丢包率：{ $why }
lab-links-need-hosts = 链路：请为每条链路选择两台主机
