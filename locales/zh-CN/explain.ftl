# MailSim 协议说明表，第 1 部分（简体中文，zh-CN）
# 术语表（另一部分请沿用同样的译法）：
# envelope（SMTP 信封）= 信封；envelope sender = 信封发件人；envelope recipient = 信封收件人
# relay = 中继（动词也用“中继”）；open relay = 开放中继
# bounce = 退信
# queue = 队列
# mailbox = 邮箱（IMAP 中指文件夹时写“邮箱（文件夹）”或“文件夹”）；folder = 文件夹；inbox = 收件箱（INBOX 保持原样）
# mail server = 邮件服务器；mail program = 邮件程序；client / server = 客户端 / 服务器
# domain = 域名
# greylisting = 灰名单
# header(s) = 邮件头（某一行写作“From: 行”等）；body = 正文；message = 邮件
# spam = 垃圾邮件；spammer = 垃圾邮件发送者；spam filter = 垃圾邮件过滤器；content filter = 内容过滤器
# sender / recipient = 发件人 / 收件人
# reply / answer（服务器的回答）= 应答；reply code = 应答码；enhanced status code = 增强状态码
# command = 命令；argument / parameter = 参数；option = 选项；extension = 扩展
# log in / login = 登录；authentication = 身份验证；credentials = 凭据；password = 密码；user name = 用户名
# connection = 连接；session = 会话；transaction（SMTP）= 事务；port = 端口；timeout = 超时
# encryption / encrypted connection = 加密 / 加密连接（TLS、STARTTLS、base64 保持原样）
# submission = 提交（邮件程序向服务器提交邮件）；deliver / delivery = 投递
# policy = 策略；DNS record = 记录（MX 记录、TXT 记录）
# POP3/IMAP 状态名保持英文原样，后加“状态”：Authorization 状态、Transaction 状态、Update 状态、Not Authenticated 状态、Authenticated 状态
# flag = 标志（\Seen、\Deleted 保持原样）；mark as deleted = 标记为删除；expunge = 彻底删除（命令名 EXPUNGE 保持原样）
# tag = 标签；untagged response = 无标签响应；literal（IMAP）= 字面量
# byte-stuffing = 字节填充；octet = 八位组（字节）；timestamp = 时间戳；digest = 摘要
# mailing list = 邮件列表；ISP = ISP（网络服务商）；unseen = 未读；UID / UIDs = UID
# temporary = 临时（临时失败、临时错误）；capability = 功能；bare / lone LF = 单独的 LF；computer = 电脑；id = ID；news（IMAP 推送）= 新情况；literal 写法 {大小}
# greeting = 问候；pipelining = 流水线；maildrop = 邮箱；shared secret = 共享密钥；home internet provider = 家庭宽带运营商；SMTP smuggling = SMTP 走私
# 排版：中文与拉丁字母、数字之间加一个空格，与全角标点之间不加空格；协议记号一律照原样保留
# 标题中“命令名：说明”一律用全角冒号，例如“USER：你是谁？”“扩展：流水线”（检查器因此对英文的“USER:”等报 warn，属误报）

smtp-cmd-HELO = 问候（旧式）
    .text = 客户端报出自己的名字。这是 1982 年就有的最初的问候命令；服务器由此知道在和谁对话，但不会提供任何扩展。
    .rfc = RFC 5321 §4.1.1.1

smtp-cmd-EHLO = 扩展问候
    .text = 客户端报出自己的名字，并询问服务器支持哪些扩展；服务器用一个列表回答，每行一项。
    .rfc = RFC 5321 §4.1.1.1

smtp-cmd-MAIL = 开始一封邮件：谁在发送
    .text = MAIL FROM 给出信封发件人，也就是出了问题时报告要发往的地方。它可以和人们看到的 From: 行不同；<> 表示“不要发回任何报告”。
    .rfc = RFC 5321 §4.1.1.2

smtp-cmd-RCPT = 添加一个收件人
    .text = RCPT TO 指定一个应当收到这封邮件的邮箱。一封发给三个人的邮件需要三条 RCPT 命令，每条都会得到自己的应答。这些信封收件人决定邮件送往哪里；邮件里面的 To:、Cc: 和 Bcc: 行只是给人看的（Bcc（密送）收件人就是一条没有任何邮件头提到的 RCPT TO）。
    .rfc = RFC 5321 §4.1.1.3, §3.3; RFC 5322 §3.6.3

smtp-cmd-DATA = 发送邮件本身
    .text = 收到 354 应答后，客户端发送邮件头和正文，最后用只有一个点的一行来结束。为了不让正文里的点提前结束邮件，以点开头的正文行在发送时会在前面多加一个点，服务器再把它去掉：如果你输入一行以“.”开头的内容，它的第一个点会消失（想要一个点，就输入“..”）。
    .rfc = RFC 5321 §4.1.1.4, §4.5.2

smtp-cmd-RSET = 重置
    .text = 放弃正在进行的这封邮件（包括发件人和收件人），但连接保持打开。
    .rfc = RFC 5321 §4.1.1.5

smtp-cmd-NOOP = 空操作
    .text = 什么也不做，只让服务器回答 OK：可以用来检查连接是否还在。
    .rfc = RFC 5321 §4.1.1.9

smtp-cmd-QUIT = 再见
    .text = 客户端的事情办完了；服务器回答 221，然后关闭连接。
    .rfc = RFC 5321 §4.1.1.10

smtp-cmd-HELP = 帮助
    .text = 请服务器给出其命令的简短说明，这是给手动输入命令的人看的。
    .rfc = RFC 5321 §4.1.1.8

smtp-cmd-VRFY = 验证邮箱
    .text = 询问某个用户是否存在。许多服务器会关闭这个命令，或者回答 252“无法确定”，让垃圾邮件发送者无法收集地址；关闭了它的服务器仍然必须回答 252，绝不能用看起来像“没有这个用户”的应答码。
    .rfc = RFC 5321 §3.5, §4.1.1.6, §7.3

smtp-cmd-EXPN = 展开邮件列表
    .text = 询问某个邮件列表里有哪些人。为了保护隐私，它通常被关闭；关闭了它的服务器会回答 252（“不告诉你，但我会尝试投递”）。
    .rfc = RFC 5321 §3.5, §4.1.1.7, §7.3

smtp-cmd-AUTH = 登录
    .text = 客户端用用户名和密码证明自己的身份（用 base64 编码，但这不是加密：任何人都能解码）。邮件程序必须先登录，才能通过自己服务商的服务器发信。真正的服务器只在加密连接上接受密码：在 587 端口上先用 STARTTLS，或者在 465 端口上从一开始就用 TLS。MailSim 跳过了 TLS，好让你能看清每一行。
    .rfc = RFC 4954 §4; RFC 3207; RFC 8314

smtp-auth-answer = 登录应答
    .text = 客户端用一行 base64 回答服务器的 334：内容是用户名、密码，或者两者都有（AUTH PLAIN）。Base64 只是把字节写成字母的一种方式：任何看到这一行的人都能解码，所以真正的服务器会先要求 TLS。
    .rfc = RFC 4954 §4; RFC 4648 §4

smtp-cmd-VERB = 详细模式（Sendmail）
    .text = 一个旧的 Sendmail 调试命令，不属于标准；MailSim 会拒绝它。
    .rfc = RFC 5321 §4.1.1 (not listed)

smtp-cmd-UNKNOWN = 未知命令
    .text = 这个词不是服务器认识的 SMTP 命令，所以服务器回答 500。
    .rfc = RFC 5321 §4.2.4

smtp-reply-214 = 帮助信息
    .text = 一段给人阅读的帮助文字。
    .rfc = RFC 5321 §4.2.3

smtp-reply-220 = 服务就绪
    .text = 服务器的问候：它已准备好对话。注意，服务器也会接收邮件：SMTP 不只是把邮件从你的电脑送出去，也会把邮件送进存放邮箱的服务器。25 端口用于服务器之间传递邮件（为了防垃圾邮件，很多家庭宽带运营商对家用电脑封锁了它）；邮件程序在 587 端口提交邮件，或者在 465 端口提交并从第一个字节起就使用 TLS。
    .rfc = RFC 5321 §3.1; RFC 6409 §3.1; RFC 8314

smtp-reply-221 = 关闭连接
    .text = 服务器说再见，并关闭连接。
    .rfc = RFC 5321 §4.2.3

smtp-reply-235 = 已登录
    .text = 身份验证成功；这个连接现在属于该用户。
    .rfc = RFC 4954 §6

smtp-reply-250 = OK
    .text = 命令执行成功。
    .rfc = RFC 5321 §4.2.3

smtp-ok-queued = 邮件已接受
    .text = 在最后那个点之后给出这个 250，就表示服务器接过了这封邮件的责任：从现在起，它必须把邮件投递出去，否则就要给信封发件人发一封退信。其中的 ID 是服务器在自己的队列里给这封邮件起的名字。
    .rfc = RFC 5321 §4.1.1.4, §6.1

smtp-reply-252 = 无法验证
    .text = 服务器不肯说出该用户（或列表）是否存在，例如因为 VRFY 或 EXPN 被关闭了，但它会接受发给该用户（或列表）的邮件并尝试投递。服务器其实什么都没有检查。
    .rfc = RFC 5321 §3.5.3, §7.3

smtp-reply-334 = 请继续（身份验证）
    .text = 服务器在等待登录的下一部分，以 base64 形式发送。
    .rfc = RFC 4954 §4

smtp-reply-354 = 请发送邮件
    .text = 服务器已准备好接收邮件内容；请用只有一个点的一行来结束。
    .rfc = RFC 5321 §4.2.3

smtp-reply-421 = 服务即将关闭
    .text = 服务器正在关闭连接（错误太多、超时或正在停机）。请稍后再试：4xx 应答码表示临时问题。
    .rfc = RFC 5321 §4.2.3

smtp-reply-451 = 请稍后再试
    .text = 服务器一方的临时问题，有时是故意的（灰名单）：真正的邮件服务器稍后会重试，而很多垃圾邮件程序不会。
    .rfc = RFC 5321 §4.2.3

smtp-reply-452 = 收件人太多 / 没有空间
    .text = 临时问题：服务器现在不再接受更多收件人；客户端会用另一封邮件发给其余的收件人。
    .rfc = RFC 5321 §4.5.3.1.10

smtp-reply-500 = 无法理解的命令
    .text = 这一行不是服务器认识的命令，或者它太长了。
    .rfc = RFC 5321 §4.2.3

smtp-reply-501 = 参数错误
    .text = 命令本身认识，但后面跟的内容不对，例如地址的格式写错了。
    .rfc = RFC 5321 §4.2.3

smtp-reply-502 = 未实现
    .text = 服务器认识这个命令，但不提供它。
    .rfc = RFC 5321 §4.2.3

smtp-reply-503 = 顺序错误
    .text = 命令来得不是时候，比如在 MAIL 之前发 RCPT。应答会说明应该先发送什么。
    .rfc = RFC 5321 §4.1.4, §4.2.3

smtp-reply-504 = 参数未实现
    .text = 服务器不支持这个选项，例如一种它不认识的登录方式。
    .rfc = RFC 5321 §4.2.3

smtp-reply-530 = 需要登录
    .text = 这台服务器只接收已登录用户的邮件：请先用 AUTH 登录。
    .rfc = RFC 4954 §6

smtp-reply-535 = 登录失败
    .text = 用户名或密码错误。
    .rfc = RFC 4954 §6

smtp-reply-550 = 拒绝
    .text = 永久拒绝，例如：该邮箱不存在，或者服务器不肯为你中继。不要再重试同样的操作。邮件程序（或者正在手动输入的你）只会收到这条应答；只有当一台邮件服务器已经接受了这封邮件、之后在继续往下传递时收到这个应答，才会发出退信。
    .rfc = RFC 5321 §4.2.3, §6.1

smtp-reply-552 = 邮件太大
    .text = 邮件超过了服务器能接受的大小。
    .rfc = RFC 5321 §4.2.3, §4.5.3.1.9; RFC 1870

smtp-reply-554 = 事务失败
    .text = 永久失败：服务器不接受这封邮件（如果是作为问候出现，表示它根本不和你对话）。
    .rfc = RFC 5321 §3.1, §4.2.3

smtp-reply-555 = 参数无法识别
    .text = MAIL FROM 或 RCPT TO 带了一个服务器不认识的选项。
    .rfc = RFC 5321 §4.2.3

smtp-esc-2-0-0 = 成功
    .text = 命令执行成功；这个代码没有在三位数应答码之外补充任何细节（出现在 252 之后时，它只表示问题得到了回答，并不表示检查过什么）。
    .rfc = RFC 3463 §3.1

smtp-esc-2-1-0 = 发件人没问题
    .text = 发件人地址没有问题。
    .rfc = RFC 3463 §3.2

smtp-esc-2-1-5 = 收件人没问题
    .text = 服务器接受这个收件人。只有收件人自己的服务器才能知道这个邮箱是否存在：替别的域名转交邮件的服务器（比如 John 的网络服务商 ISP 处理发往 dave.example 的邮件时）会接受任何格式正确的地址，直到中继这封邮件时才会得知地址有误。
    .rfc = RFC 3463 §3.2

smtp-esc-2-7-0 = 安全检查通过
    .text = 身份验证成功。
    .rfc = RFC 3463 §3.8, RFC 4954

smtp-esc-4-4-2 = 连接中断
    .text = 连接超时或断开了；请再试一次。
    .rfc = RFC 3463 §3.5

smtp-esc-4-5-3 = 收件人太多
    .text = 请把其余的收件人放到另一个事务里发送。
    .rfc = RFC 3463 §3.6

smtp-esc-4-7-0 = 安全或策略问题（临时）
    .text = 一个临时的策略问题，这里是指：本次会话中的错误太多了。
    .rfc = RFC 3463 §3.8

smtp-esc-4-7-1 = 投递未获许可（临时）
    .text = 策略规定现在不行，例如灰名单；请稍后重试。用 4.7.1 表示灰名单是常见做法，尽管 RFC 3463 把 X.7.1 描述为只适合用作永久错误。
    .rfc = RFC 3463 §3.8

smtp-esc-5-0-0 = 其他错误
    .text = 一个没有更精确代码的永久错误，这里是指：登录被取消了。
    .rfc = RFC 3463 §3.1

smtp-esc-5-1-1 = 没有这个邮箱
    .text = 那个域名下没有这个收件人的名字。
    .rfc = RFC 3463 §3.2

smtp-esc-5-1-3 = 收件人地址错误
    .text = 收件人地址的写法不正确。
    .rfc = RFC 3463 §3.2

smtp-esc-5-1-7 = 发件人地址错误
    .text = 发件人地址的写法不正确。
    .rfc = RFC 3463 §3.2

smtp-esc-5-3-4 = 邮件太大
    .text = 邮件超过了这台服务器能接受的大小。
    .rfc = RFC 3463 §3.4

smtp-esc-5-5-1 = 无效命令
    .text = 这个命令在这里或此时不被允许。
    .rfc = RFC 3463 §3.6

smtp-esc-5-5-2 = 语法错误
    .text = 无法理解这一行命令。
    .rfc = RFC 3463 §3.6

smtp-esc-5-5-4 = 无效参数
    .text = 命令的参数或选项不对。
    .rfc = RFC 3463 §3.6

smtp-esc-5-5-6 = 身份验证行太长
    .text = 登录交互中的某一行超过了服务器能接受的长度。
    .rfc = RFC 4954 §6

smtp-esc-5-6-0 = 内容有问题
    .text = 邮件本身有某些内容不可接受。
    .rfc = RFC 3463 §3.7

smtp-esc-5-7-0 = 安全或策略
    .text = 因安全原因被拒绝，这里是指：请先登录。
    .rfc = RFC 3463 §3.8

smtp-esc-5-7-1 = 未获许可
    .text = 策略禁止这样做，例如为陌生人中继邮件。
    .rfc = RFC 3463 §3.8

smtp-esc-5-7-8 = 凭据错误
    .text = 登录信息无效。
    .rfc = RFC 4954 §6

smtp-ext-PIPELINING = 扩展：流水线
    .text = 客户端可以连续发送几条命令（例如 MAIL、RCPT 和 DATA），不必等每一条的应答；服务器按顺序逐一回答。在慢速网络上，这样可以省去等待的时间。
    .rfc = RFC 2920

smtp-ext-SIZE = 扩展：大小限制
    .text = 这个数字是这台服务器能接受的最大邮件大小，单位是字节。客户端可以用 MAIL FROM:<...> SIZE=n 说明自己的邮件有多大，这样太大的邮件在发送之前就会被拒绝。
    .rfc = RFC 1870

smtp-ext-8BITMIME = 扩展：8 位文本
    .text = 当客户端在 MAIL FROM 后面写上 BODY=8BITMIME 时，服务器接受含有大于 127 的字节的邮件文本（例如 é 这样的字母）。没有这个扩展时，邮件文本必须是纯 7 位 ASCII。
    .rfc = RFC 6152

smtp-ext-ENHANCEDSTATUSCODES = 扩展：增强状态码
    .text = 应答在三位数的应答码之后再带一个更精确的代码，比如 5.1.1 表示“没有这个邮箱”。它的第一位数字表示类别：2 表示成功，4 表示临时失败，5 表示永久失败。
    .rfc = RFC 2034; RFC 3463

smtp-ext-AUTH = 扩展：登录
    .text = AUTH 后面的词是服务器提供的登录方式，这里是 PLAIN 和 LOGIN。两者都只把密码做 base64 编码后发送，任何人都能解码，所以真正的服务器只在 TLS 之后才提供它们；MailSim 跳过了 TLS，好让你能看清这些行。
    .rfc = RFC 4954 §3, §4

smtp-ext-HELP = 提供帮助
    .text = 服务器表示，它会用自己命令的简短说明来回答 HELP 命令。
    .rfc = RFC 5321 §4.1.1.8

smtp-error-line_too_long = 命令行太长
    .text = 一行命令最多 512 个字符，包括 CRLF 在内。服务器会丢掉这一行剩下的部分，然后继续工作。
    .rfc = RFC 5321 §4.5.3.1.4

smtp-error-auth_line_too_long = 登录行太长
    .text = 登录交互中的一行太长了；这次登录尝试被放弃。
    .rfc = RFC 4954 §4

smtp-error-text_line_too_long = 邮件行太长
    .text = 邮件中的一行最多 1000 个字符，包括 CRLF 在内；MailSim 会拒收这封邮件，而不是把行截断。
    .rfc = RFC 5321 §4.5.3.1.6

smtp-error-bare_lf = 邮件中有单独的 LF 或 CR
    .text = 每一行都必须以 CR LF 结尾。MailSim 拒收含有单独 LF 或 CR 的邮件，因为这种行尾正是“SMTP 走私”（SMTP smuggling）背后的把戏：一个假的邮件结尾会把第二封伪造的邮件藏在后面。
    .rfc = RFC 5321 §2.3.8, §4.1.1.4

smtp-error-bad_sequence = 命令顺序错误
    .text = SMTP 有固定的顺序：先 EHLO，然后 MAIL，然后 RCPT，然后 DATA。应答会说明应该先发送什么。两种常见情况：还没有任何 RCPT 被接受就发 DATA（没有可以投递的人）；以及一批流水线发送的命令中 MAIL 被拒绝了：和它一起发出的 RCPT 和 DATA 也都会各自得到 503，因为事务根本没有开始。
    .rfc = RFC 5321 §4.1.4; RFC 2920 §3.1

smtp-error-relay_denied = 拒绝中继
    .text = 这台服务器只接收发往它自己域名的邮件，除非你是它的用户（已经登录，或者在它的网络里）。否则任何人都能用它发送垃圾邮件：这就是“开放中继”。
    .rfc = RFC 5321 §3.6.2, §7.9

smtp-error-auth_required = 请先登录
    .text = 在邮件程序使用的提交端口（587）上，你必须先登录才能发信。25 端口是服务器之间互相传递邮件用的。
    .rfc = RFC 6409 §4.3, RFC 4954

smtp-error-auth_failed = 登录失败
    .text = 用户名或密码错误。
    .rfc = RFC 4954 §6

smtp-error-auth_cancelled = 登录已取消
    .text = 客户端发送了“*”，放弃这次登录。
    .rfc = RFC 4954 §4

smtp-error-auth_bad_base64 = 登录数据不是 base64
    .text = 登录过程中的回答必须用 base64 编码。
    .rfc = RFC 4954 §4

smtp-error-auth_mechanism = 未知的登录方式
    .text = 服务器只提供它在 EHLO 应答中 AUTH 后面列出的那些方式。
    .rfc = RFC 4954 §4

smtp-error-too_many_errors = 错误太多
    .text = 收到太多错误命令之后，服务器会挂断连接，这样可以保护自己，不被出了故障或怀有恶意的客户端拖垮。
    .rfc = RFC 5321 §4.3.2 (421)

smtp-error-too_many_recipients = 收件人太多
    .text = 服务器每封邮件只接受一定数量的收件人（这个上限至少是 100 个）；客户端稍后再发送其余的。
    .rfc = RFC 5321 §4.5.3.1.8

smtp-error-message_too_large = 邮件太大
    .text = 邮件超过了服务器在 SIZE 扩展中公布的大小。
    .rfc = RFC 1870 §6

smtp-error-unknown_command = 未知命令
    .text = 服务器不认识这个命令。MailSim 的服务器不提供 STARTTLS（切换到加密连接），好让每一行都保持可读；真正的服务器会提供它，并要求在 AUTH 之前先用它。
    .rfc = RFC 5321 §4.2.4; RFC 3207

smtp-error-syntax = 语法错误
    .text = 命令是认识的，但写法不对；HELP 会显示正确的格式。
    .rfc = RFC 5321 §4.1.1

smtp-error-bad_address = 地址写法错误
    .text = 命令中的地址要放在 < 和 > 之间，比如 <dave@dave.example>。
    .rfc = RFC 5321 §4.1.2

smtp-error-path_too_long = 地址太长
    .text = @ 前面的名字最多 64 个字符，域名最多 255 个字符。整个路径最多 256 个字符，但这包括 < 和 >，所以地址本身最多只能有 254 个字符。
    .rfc = RFC 5321 §4.5.3.1.1-3

smtp-error-unknown_param = 未知选项
    .text = MAIL FROM 或 RCPT TO 带了一个服务器没有在 EHLO 应答中公布的选项。
    .rfc = RFC 5321 §4.1.1.11

smtp-error-unknown_user = 没有这个邮箱
    .text = 服务器负责这个域名，但那里没有叫这个名字的人。
    .rfc = RFC 5321 §3.3, §4.2.3; RFC 3463 §3.2

smtp-error-not_implemented = 命令已关闭
    .text = 服务器认识这个命令，但不提供它。
    .rfc = RFC 5321 §4.2.4

smtp-error-timeout = 超时
    .text = 客户端太久没有发送任何内容（5 分钟），所以服务器放弃了。
    .rfc = RFC 5321 §4.5.3.2.7

smtp-error-policy = 被本地策略拒绝
    .text = 服务器自己的规则（例如灰名单或内容过滤器）拒绝了这个请求。
    .rfc = RFC 5321 §7

pop3-cmd-USER = USER：你是谁？
    .text = 邮件程序报出它想打开的邮箱。它是在和 POP3 服务器（110 端口）对话，POP3 服务器读取的是 SMTP 服务器投递进去的那个邮箱；POP3 从来不和 SMTP 服务器对话。在 John 的 ISP（网络服务商），POP3 服务有自己的名字 pop.isp.example，尽管它和 smtp.isp.example 运行在同一台机器上。
    .rfc = RFC 1939 §7

pop3-cmd-PASS = PASS：密码
    .text = 紧跟在 USER 之后发送。普通的 POP3 以可读的明文发送密码，所以真正的服务器会先要求 TLS（在 110 端口上用 STLS，或者在 995 端口上从一开始就用 TLS）。MailSim 跳过了 TLS，好让你能看清每一行。
    .rfc = RFC 1939 §7; RFC 2595; RFC 8314

pop3-cmd-APOP = APOP：不发送密码也能登录
    .text = 客户端发送一个 MD5 摘要，它由问候中的时间戳加上双方共享的密钥算出，所以密码本身从不经过网络，而且旧的摘要在新的连接上毫无用处。但 APOP 已经过时了：MD5 很弱，任何人只要录下问候和摘要，就能在离线状态下一个个试猜密码，电脑有多快就能试多快。真正的服务器改用 TLS。
    .rfc = RFC 1939 §7, §13

pop3-cmd-QUIT = QUIT：结束会话
    .text = 登录之前（Authorization 状态），QUIT 只是说再见。登录之后（Transaction 状态），QUIT 会让服务器进入 Update 状态，只有到这时，用 DELE 标记过的邮件才会真正被删除。
    .rfc = RFC 1939 §4, §6

pop3-cmd-STAT = STAT：有多少邮件？
    .text = 询问邮件的数量和它们的总大小（以八位组即字节计），不算已标记为删除的邮件。
    .rfc = RFC 1939 §5

pop3-cmd-LIST = LIST：各封邮件的大小
    .text = 不带编号时，列出每封邮件及其大小；带编号时，只列出那一封。邮件编号从 1 开始，在整个会话中保持不变。
    .rfc = RFC 1939 §5

pop3-cmd-RETR = RETR：下载一封邮件
    .text = 发送整封邮件。以“.”开头的行在传输时会多加一个“.”（字节填充），只有一个“.”的一行表示邮件结束。下载并不会删除邮件。
    .rfc = RFC 1939 §5

pop3-cmd-DELE = DELE：标记为删除
    .text = 把一封邮件标记为删除。此时还没有真正删除任何东西：那要到 QUIT 之后的 Update 状态才会发生，所以连接意外断开或者发送 RSET 都不会删除任何邮件。
    .rfc = RFC 1939 §5

pop3-cmd-NOOP = NOOP：还在吗？
    .text = 什么也不做，只换来一个 +OK，这样连接就不会因超时而断开。
    .rfc = RFC 1939 §5

pop3-cmd-RSET = RSET：撤销删除
    .text = 取消本次会话中用 DELE 做的所有删除标记。
    .rfc = RFC 1939 §5

pop3-cmd-TOP = TOP：预览邮件
    .text = 发送一封邮件的邮件头、空行，以及正文的前 n 行，这样程序不必下载整封邮件就能预览。
    .rfc = RFC 1939 §7

pop3-cmd-UIDL = UIDL：唯一 ID
    .text = 给每封邮件一个在不同会话之间永不改变的 ID。把邮件留在服务器上的邮件程序会记住这些 ID，这样就不会把同一封邮件下载两次。
    .rfc = RFC 1939 §7

pop3-cmd-CAPA = CAPA：你能做什么？
    .text = 请服务器列出它支持的可选功能，例如 TOP、UIDL 和 PIPELINING。
    .rfc = RFC 2449 §5

pop3-ok-greeting = 问候
    .text = 服务器已就绪，会话处于 Authorization（授权）状态：客户端现在必须用 USER 和 PASS（或 APOP）表明身份。<...> 部分是一个时间戳，每次连接都不一样；APOP 用它来登录，而不必发送密码。
    .rfc = RFC 1939 §3, §4, §7

pop3-ok-user = 用户名已接受
    .text = 服务器在等待 PASS。它对每个名字都回答 +OK，这样陌生人就无法查出哪些邮箱存在。
    .rfc = RFC 1939 §7

pop3-ok-logged_in = 已登录，邮箱已锁定
    .text = 密码正确。服务器锁定了这个邮箱，让其他会话无法修改它，并进入 Transaction 状态。
    .rfc = RFC 1939 §4

pop3-ok-capa = 功能列表
    .text = 一个多行的可选功能列表，以只有一个“.”的一行结束。
    .rfc = RFC 2449 §5, §6

pop3-ok-stat = 邮箱概况
    .text = 两个数字：有多少封邮件，以及它们一共占多少八位组（字节），按存储时带 CRLF 行尾的实际大小计算。
    .rfc = RFC 1939 §5, §11

pop3-ok-list = 邮件大小列表
    .text = 邮件编号和以八位组计的准确大小。已标记为删除的邮件不会列出。
    .rfc = RFC 1939 §5

pop3-ok-retr = 邮件如下
    .text = 接下来就是这封邮件，经过字节填充，以只有“.”的一行结束。服务器上的这份副本会保留下来，除非客户端发送 DELE 再发送 QUIT。
    .rfc = RFC 1939 §5

pop3-ok-top = 邮件开头
    .text = 邮件头、一个空行，以及所请求行数的正文。
    .rfc = RFC 1939 §7

pop3-ok-dele = 已标记为删除
    .text = 这封邮件只是被标记了。等会话在 QUIT 之后进入 Update 状态时，它才会消失。
    .rfc = RFC 1939 §5

pop3-ok-noop = 什么也没做
    .text = 服务器还在。
    .rfc = RFC 1939 §5

pop3-ok-rset = 删除已撤销
    .text = 本次会话中标记过的每封邮件都回来了。
    .rfc = RFC 1939 §5

pop3-ok-uidl = 唯一 ID 列表
    .text = 邮件编号和它的唯一 ID，这个 ID 在不同会话之间保持不变。
    .rfc = RFC 1939 §7

pop3-ok-quit = 再见（没有删除任何邮件）
    .text = 在登录之前 QUIT：服务器关闭连接，不碰邮箱。（登录之后，QUIT 则会进入 Update 状态。）
    .rfc = RFC 1939 §4

pop3-ok-quit_update = Update 之后再见
    .text = 服务器处于 Update 状态：它删除了用 DELE 标记的邮件，解锁了邮箱，然后关闭连接。
    .rfc = RFC 1939 §6

pop3-err-wrong_state = 现在不允许
    .text = 每条命令只在特定状态下有效：USER、PASS 和 APOP 用在登录之前；STAT、LIST、RETR 等其余命令用在登录之后。应答会列出现在可用的命令。
    .rfc = RFC 1939 §3

pop3-err-pass_without_user = PASS 在 USER 之前
    .text = 服务器不知道这是谁的密码：请先发送 USER。
    .rfc = RFC 1939 §7

pop3-err-auth_failed = 登录失败
    .text = 用户名或密码错误（或者 APOP 摘要错误）。服务器不会说是哪一个错了，这样更难猜中；[AUTH] 表示这是凭据问题。
    .rfc = RFC 1939 §7, RFC 3206 §5

pop3-err-too_many_failures = 登录失败次数太多
    .text = 多次输错密码之后，服务器会挂断连接，以减慢猜密码的速度。
    .rfc = RFC 1939 §4

pop3-err-locked = 邮箱正在使用
    .text = 另一个会话已经打开并锁定了这个邮箱，所以这个会话不能修改它；[IN-USE] 告诉邮件程序稍后再试。
    .rfc = RFC 1939 §4; RFC 2449 §8.1.2

pop3-err-no_maildrop = 没有邮箱
    .text = 登录已被接受，但没有可以打开的邮箱。
    .rfc = RFC 1939 §7, RFC 3206 §4

pop3-err-apop_disabled = 不提供 APOP
    .text = 这台服务器的问候中没有时间戳，所以 APOP 无法使用；请用 USER 和 PASS。
    .rfc = RFC 1939 §7

pop3-err-no_such_message = 没有这封邮件
    .text = 邮件编号从 1 开始，到你登录时的邮件总数为止；0 或比总数更大的编号都不存在。
    .rfc = RFC 1939 §5

pop3-err-already_deleted = 已经删除
    .text = 这封邮件在本次会话中已经用 DELE 标记过，所以不能再读取或再次标记（RSET 可以把它找回来）。
    .rfc = RFC 1939 §5

pop3-err-not_a_number = 不是邮件编号
    .text = 邮件编号是像 1 或 2 这样的普通正整数，不能是单词或负数。
    .rfc = RFC 1939 §5

pop3-err-syntax = 命令格式错误
    .text = 先写一个关键字，然后是用单个空格隔开的参数，每个参数最多 40 个字符，而且参数个数要正确。
    .rfc = RFC 1939 §3

pop3-err-unknown_command = 未知命令
    .text = 服务器不认识这个关键字。会话继续进行。
    .rfc = RFC 1939 §3

pop3-err-line_too_long = 行太长
    .text = 一行命令最多 255 个字节，包括 CRLF 在内。服务器会丢掉这一行，会话继续进行。
    .rfc = RFC 2449 §4

pop3-err-autologout = 自动登出
    .text = 太久没有发送任何内容（至少 10 分钟），所以服务器没有进入 Update 状态就关闭了连接：用 DELE 标记的邮件都不会被删除。
    .rfc = RFC 1939 §3

pop3-err-connection_lost = 连接中断
    .text = 连接在 QUIT 之前断开了，所以服务器从未进入 Update 状态，什么也没删除；邮箱已解锁。
    .rfc = RFC 1939 §6

pop3-state-Transaction = Transaction（事务）状态
    .text = 已登录，邮箱已锁定：客户端可以列出、阅读邮件，或把邮件标记为删除。（RFC 1939 用大写字母写这三个状态名：AUTHORIZATION、TRANSACTION、UPDATE。）
    .rfc = RFC 1939 §3, §5

pop3-state-Update = Update（更新）状态
    .text = 只有在 Transaction 状态下发送 QUIT 才能到达：服务器这时才真正删除已标记的邮件，并解锁邮箱。
    .rfc = RFC 1939 §3, §6

pop3-state-Closed = 已关闭
    .text = 会话结束，连接已关闭。
    .rfc = RFC 1939 §3

imap-cmd-CAPABILITY = CAPABILITY：你能做什么？
    .text = 请服务器列出它支持的功能，例如 IDLE 或 MOVE。每条命令都以一个像 a1 这样的标签开头，服务器会在它最后的应答中重复这个标签。
    .rfc = RFC 9051 §6.1.1

imap-cmd-NOOP = NOOP：有什么新情况？
    .text = 什么也不做，但服务器会借这个机会报告变化：新邮件（EXISTS）、被删除的邮件（EXPUNGE）以及改变了的标志。
    .rfc = RFC 9051 §6.1.2

imap-cmd-LOGOUT = LOGOUT：再见
    .text = 结束会话。服务器先回答 * BYE，再回答 OK，然后关闭连接。和 POP3 的 QUIT 不同，这里不会删除任何东西：邮件仍然留在服务器上。
    .rfc = RFC 9051 §6.1.3

imap-cmd-LOGIN = LOGIN：用户名和密码
    .text = 在一行里用用户名和密码登录。没有 TLS 时，密码在网络上是可以被读出来的；真正的服务器只允许在 TLS 里这样做（993 端口）。MailSim 跳过了 TLS，好让你能看清每一行。
    .rfc = RFC 9051 §6.2.3; RFC 8314

imap-cmd-AUTHENTICATE = AUTHENTICATE PLAIN
    .text = 用 SASL 登录：客户端发送一个 NUL、用户名、一个 NUL 和密码，整体用 base64 编码，可以在服务器发出 + 之后发送，也可以写在同一行里（SASL-IR）。Base64 不是加密。
    .rfc = RFC 9051 §6.2.2; RFC 4616; RFC 4959

imap-cmd-ENABLE = ENABLE：开启一项功能
    .text = 告诉服务器，客户端能理解某种较新的行为。ENABLE IMAP4rev2 会从 1990 年代的旧规则（IMAP4rev1）切换到现行的规则。
    .rfc = RFC 9051 §6.3.1; RFC 5161

imap-cmd-SELECT = SELECT：打开文件夹
    .text = 打开一个邮箱（文件夹），以便处理里面的邮件。服务器会告诉你里面有多少封邮件、有哪些标志，以及这个文件夹的 UIDVALIDITY 和 UIDNEXT。
    .rfc = RFC 9051 §6.3.2

imap-cmd-EXAMINE = EXAMINE：以只读方式打开文件夹
    .text = 和 SELECT 一样，但什么都不能修改：连阅读邮件都不会把它标记为 \Seen。
    .rfc = RFC 9051 §6.3.3

imap-cmd-CREATE = CREATE：新建文件夹
    .text = 创建一个新邮箱。文件夹保存在服务器上，所以每台设备都能看到它们；而用 POP3 时只有一个收件箱。
    .rfc = RFC 9051 §6.3.4

imap-cmd-DELETE = DELETE：删除文件夹
    .text = 删除一个邮箱以及其中的邮件。INBOX 不能被删除。
    .rfc = RFC 9051 §6.3.5

imap-cmd-RENAME = RENAME：重命名文件夹
    .text = 给一个邮箱起个新名字。重命名 INBOX 是特殊情况：里面的邮件会移到新文件夹，而 INBOX 仍然保留，变成空的。
    .rfc = RFC 9051 §6.3.6

imap-cmd-LIST = LIST：有哪些文件夹？
    .text = 列出名字符合某个模式的邮箱：* 匹配任何内容，% 匹配到下一个 / 之前的任何内容。\Sent 或 \Trash 这样的属性说明文件夹是做什么用的。
    .rfc = RFC 9051 §6.3.9; RFC 6154

imap-cmd-STATUS = STATUS：不打开也能计数
    .text = 询问某个文件夹有多少封邮件（或多少封未读邮件），而不必选中它。邮件程序用它在每个文件夹旁边显示未读数量。
    .rfc = RFC 9051 §6.3.11

imap-cmd-APPEND = APPEND：把邮件放进文件夹
    .text = 把一整封邮件上传到某个邮箱，例如把已发送邮件的副本放进 Sent。邮件以字面量的形式传送：先是 {"{"}大小{"}"}，然后正好是那么多字节。
    .rfc = RFC 9051 §6.3.12

imap-cmd-IDLE = IDLE：有邮件时告诉我
    .text = 客户端等待，服务器在事情发生的那一刻就推送新情况（例如 * 4 EXISTS），这样手机能立刻显示新邮件，而不必每隔几分钟询问一次。DONE 结束等待。
    .rfc = RFC 9051 §6.3.13; RFC 2177

imap-cmd-CHECK = CHECK：检查点（旧）
    .text = 一条 IMAP4rev1 命令，用来要求服务器保存自己的状态。IMAP4rev2 删除了它；在这里它的作用和 NOOP 一样。
    .rfc = RFC 3501 §6.4.1; RFC 9051 Appendix E

imap-cmd-CLOSE = CLOSE：关闭文件夹
    .text = 关闭当前选中的邮箱，并悄悄删除标记为 \Deleted 的邮件（除非它是用 EXAMINE 打开的）。
    .rfc = RFC 9051 §6.4.1

imap-cmd-UNSELECT = UNSELECT：关闭但不删除
    .text = 关闭当前选中的邮箱，但不删除标记为 \Deleted 的邮件。
    .rfc = RFC 9051 §6.4.2

imap-cmd-EXPUNGE = EXPUNGE：彻底删除已标记的邮件
    .text = 把所有标记为 \Deleted 的邮件永久删除。每删除一封都会报告为 * n EXPUNGE，排在它后面的邮件编号都会往前挪一位。
    .rfc = RFC 9051 §6.4.3

imap-cmd-SEARCH = SEARCH：查找邮件
    .text = 按标志（UNSEEN）、按邮件头中的词（FROM john、SUBJECT hello）或正文中的词（BODY）查找邮件，还可以用 NOT 和 OR 组合条件。搜索由服务器完成，所以手机不必把所有邮件都下载下来。
    .rfc = RFC 9051 §6.4.4

imap-cmd-FETCH = FETCH：获取邮件的各个部分
    .text = 请求获取标志、大小、信封（谁发的、发给谁、主题）或邮件本身。BODY[] 会把邮件标记为 \Seen；BODY.PEEK[] 读取邮件但不做这个标记。
    .rfc = RFC 9051 §6.4.5

imap-cmd-STORE = STORE：修改标志
    .text = 添加（+FLAGS）、去掉（-FLAGS）或设定（FLAGS）\Seen、\Deleted 等标志。其他每台设备都会看到这个变化，因为标志保存在服务器上。
    .rfc = RFC 9051 §6.4.6

imap-cmd-COPY = COPY：复制到另一个文件夹
    .text = 把邮件复制到另一个邮箱，并保留它们的标志。应答中的 COPYUID 说明这些副本得到了哪些新的 UID。
    .rfc = RFC 9051 §6.4.7

imap-cmd-MOVE = MOVE：移到另一个文件夹
    .text = 把邮件复制到另一个邮箱，再在这里把它们彻底删除，一步完成。
    .rfc = RFC 9051 §6.4.8; RFC 6851

imap-cmd-UID_SEARCH = UID SEARCH
    .text = 和 SEARCH 一样，但应答列出的是 UID（永不改变的编号），而不是邮件编号（邮件被删除后会变化）。
    .rfc = RFC 9051 §6.4.9

imap-cmd-UID_FETCH = UID FETCH
    .text = 和 FETCH 一样，但用 UID 来指定邮件。需要同步的邮件程序使用 UID，因为有邮件被彻底删除后，邮件编号会改变。
    .rfc = RFC 9051 §6.4.9

imap-cmd-UID_STORE = UID STORE
    .text = 和 STORE 一样，但用 UID 来指定邮件。
    .rfc = RFC 9051 §6.4.9

imap-cmd-UID_COPY = UID COPY
    .text = 和 COPY 一样，但用 UID 来指定邮件。
    .rfc = RFC 9051 §6.4.9

imap-cmd-UID_MOVE = UID MOVE
    .text = 和 MOVE 一样，但用 UID 来指定邮件。
    .rfc = RFC 9051 §6.4.9; RFC 6851

imap-cmd-UID_EXPUNGE = UID EXPUNGE：只删除这些
    .text = 在标记为 \Deleted 的邮件中，只彻底删除列出的那些 UID，这样另一台设备标记的邮件就不会出乎意料地被删掉。
    .rfc = RFC 9051 §6.4.9

imap-ok-greeting = 问候
    .text = 服务器已就绪，并且在方括号里已经列出了它能做的事。* 表示无标签响应：它不是对某条命令的应答。会话处于 Not Authenticated（未验证身份）状态：客户端必须先登录（LOGIN 或 AUTHENTICATE），才能看到任何邮件。
    .rfc = RFC 9051 §3.1, §7.1.1

imap-ok-capability = CAPABILITY 完成
    .text = 带标签的 OK 结束这条命令；功能列表就在它前面那行无标签的 * CAPABILITY 中。
    .rfc = RFC 9051 §6.1.1

imap-ok-noop = 没有更多可报告的
    .text = 完成。关于当前选中文件夹的任何新情况，都已经在这一行之前的无标签行里给出了。
    .rfc = RFC 9051 §6.1.2

imap-ok-logout = 已登出
    .text = 会话结束了。邮件留在服务器上，等你下次访问时再看，无论是用这台设备还是另一台。
    .rfc = RFC 9051 §6.1.3

imap-ok-logged_in = 已登录
    .text = 密码正确：会话现在处于 Authenticated（已验证身份）状态，可以打开文件夹了。
    .rfc = RFC 9051 §6.2.3, §7.1

imap-ok-enable = 已开启
    .text = 服务器开启了哪些扩展，已经在 * ENABLED 中列出。
    .rfc = RFC 5161 §3.2

imap-ok-select = 文件夹已打开（可读写）
    .text = 文件夹已被选中；[READ-WRITE] 表示可以修改标志，也可以彻底删除邮件。
    .rfc = RFC 9051 §6.3.2

imap-ok-examine = 文件夹已打开（只读）
    .text = 文件夹已用 EXAMINE 选中；[READ-ONLY] 表示其中的任何东西都不能改变。
    .rfc = RFC 9051 §6.3.3

imap-ok-closed = 上一个文件夹已关闭
    .text = 选中一个新文件夹时，会先关闭旧的文件夹，但不删除其中标记为 \Deleted 的邮件；[CLOSED] 标出这个时刻。
    .rfc = RFC 9051 §7.1

imap-ok-permanentflags = 能永久保存的标志
    .text = 客户端可以永久修改哪些标志。这里是：五个系统标志，不允许自定义关键字。
    .rfc = RFC 9051 §7.1

imap-ok-unseen = 第一封未读邮件
    .text = 第一封没有标记为 \Seen 的邮件的编号（只有 IMAP4rev1 客户端会收到这一项）。
    .rfc = RFC 3501 §7.1

imap-ok-uidvalidity = UIDVALIDITY
    .text = 与这个文件夹的 UID 配套的一个数字。只要它保持不变，一个 UID 就总是指同一封邮件；如果它变了，客户端必须忘掉自己缓存的内容。
    .rfc = RFC 9051 §2.3.1.1

imap-ok-uidnext = UIDNEXT
    .text = 这个文件夹中下一封邮件将得到的 UID。如果它和上次相比变了，说明有新邮件到达。
    .rfc = RFC 9051 §2.3.1.1

# MailSim 解释表（第 2 部分）简体中文译文 / zh-CN translation of explain-part2.ftl
# 术语表（另一半表格请使用相同译法；完整列表见 terms-explain-part2.md）：
#   envelope (SMTP) = 信封；envelope sender = 信封发件人；envelope recipient = 信封收件人
#   relay = 中继；bounce = 退信（动词：退信 / 退回给发件人）；bounce of a bounce = 退信的退信
#   queue = 队列；queued = 放入队列；retry = 重试
#   mailbox = 邮箱（IMAP 中邮箱即文件夹）；folder = 文件夹；INBOX 保持原文
#   mail server = 邮件服务器；mail host = 邮件主机；mail exchanger (MX) = 邮件交换服务器（MX）
#   mail program = 邮件程序；client / server = 客户端 / 服务器；host = 主机
#   domain = 域名；subdomain = 子域名；organisational domain = 组织域名
#   greylisting = 灰名单；spam filter = 垃圾邮件过滤器；spam = 垃圾邮件
#   header (field) = 邮件头（如 Return-Path 邮件头）；body = 正文
#   sender / recipient = 发件人 / 收件人；sending side / sending server = 发送方 / 发送方服务器
#   receiver = 接收方；receiving server = 接收服务器；null sender <> = 空发件人 <>
#   delivery status notification (DSN) = 投递状态通知；enhanced status code = 增强状态码
#   reply / answer = 应答；reply code = 应答码；command = 命令
#   record (DNS) = 记录（如 MX 记录、TXT 记录）；lookup = 查询
#   port = 端口；connection = 连接；session = 会话；state = 状态（状态名保持原文）
#   flag = 标志；mark = 标记；tag (IMAP) = 标签；untagged = 无标签的
#   expunge = 彻底删除；literal (IMAP) = 字面量；extension = 扩展
#   SPF mechanism = 规则（机制）；policy = 策略；alignment = 对齐；relaxed = 宽松
#   quarantine = 隔离；signature = 签名；public / private key = 公钥 / 私钥
#   key = 密钥；selector = 选择器；hash = 哈希值；canonicalisation = 规范化
#   main domain = 主域名；SPF/DKIM/DMARC 结果值（pass、fail、none、softfail、neutral、permerror）保持原文
#   temporary / permanent error = 临时错误 / 永久错误（temporary failure = 临时失败）；vouch for = 担保
#   capability = 功能（功能列表）；pipelining = 流水线；bare / lone LF = 单独的 LF；computer = 电脑；news（IMAP 推送）= 新情况
#   IMAP 状态：Not Authenticated（未验证身份）、Authenticated（已验证身份）、Selected（已选中）、Logout（登出）；literal 写法 {大小}、{大小+}
#   injected fault = 注入的故障；scenario = 场景；simulator = 模拟器
# 排版：中文句子用全角标点；协议记号、代码、数字保持原样，与中文之间加一个空格（紧挨全角标点时不加）。

imap-ok-create = 文件夹已创建
    .text = 新邮箱现在已经建在服务器上，你的每台设备都能用。
    .rfc = RFC 9051 §6.3.4

imap-ok-delete = 文件夹已删除
    .text = 这个邮箱和其中的邮件都已经没有了。
    .rfc = RFC 9051 §6.3.5

imap-ok-rename = 文件夹已重命名
    .text = 这个邮箱已经换成了新名字。
    .rfc = RFC 9051 §6.3.6

imap-ok-list = 文件夹列表完毕
    .text = 匹配的文件夹已经在这一行之前的 * LIST 行中列出。
    .rfc = RFC 9051 §6.3.9

imap-ok-status = 计数完毕
    .text = 各项数字已经在 * STATUS 行中给出。
    .rfc = RFC 9051 §6.3.11

imap-ok-append = 邮件已存入
    .text = 邮件已经放进文件夹；[APPENDUID v u] 告诉你：在 UIDVALIDITY 为 v 的这个文件夹中，它的 UID 是 u。
    .rfc = RFC 9051 §6.3.12, §7.1

imap-ok-idle = IDLE 结束
    .text = 客户端发送了 DONE；服务器不再主动推送新情况，重新等待命令。
    .rfc = RFC 2177 §3

imap-ok-close = 文件夹已关闭
    .text = 标记为 \Deleted 的邮件已被删除，但服务器没有发送 * EXPUNGE 行；会话回到 Authenticated（已验证身份）状态。
    .rfc = RFC 9051 §6.4.1

imap-ok-unselect = 文件夹已关闭，没有删除任何邮件
    .text = 会话回到 Authenticated（已验证身份）状态；标记为 \Deleted 的邮件仍然都在。
    .rfc = RFC 9051 §6.4.2

imap-ok-expunge = 已彻底删除
    .text = 标记为 \Deleted 的邮件在所有设备上都没有了，POP3 也看不到了：因为这是同一个邮箱。
    .rfc = RFC 9051 §6.4.3

imap-ok-search = 搜索完毕
    .text = 匹配的编号已经在 * SEARCH（或 * ESEARCH）行中给出。
    .rfc = RFC 9051 §6.4.4

imap-ok-fetch = 获取完毕
    .text = 数据已经在这一行之前的 * n FETCH 行中发来。
    .rfc = RFC 9051 §6.4.5

imap-ok-store = 标志已更改
    .text = 新的标志已经在 * n FETCH 行中给出（除非请求了 .SILENT）。
    .rfc = RFC 9051 §6.4.6

imap-ok-copy = 已复制
    .text = 副本已经放进另一个文件夹；[COPYUID v old new] 把旧的 UID 和新的 UID 一一对应起来。
    .rfc = RFC 9051 §6.4.7, §7.1

imap-ok-copyuid = 已移动：新的 UID
    .text = 执行 MOVE 时，服务器先用一条无标签的应答说明这些邮件在另一个文件夹中得到了哪些 UID，然后在这里把它们彻底删除。
    .rfc = RFC 6851 §4.3

imap-ok-move = 已移动
    .text = 这些邮件已经在另一个文件夹中，并且从这个文件夹中消失了。
    .rfc = RFC 6851 §3.3

imap-no-auth_failed = 登录失败
    .text = 用户名或密码错误。服务器不会说是哪一个错了，这样别人更难猜。[AUTHENTICATIONFAILED] 表示这是登录凭据的问题。
    .rfc = RFC 9051 §6.2.3, §7.1

imap-no-authz = 不允许以别人的身份操作
    .text = PLAIN 可以请求以另一个用户的身份登录（数据的第一部分）；这台服务器只允许你以自己的身份登录。
    .rfc = RFC 4616 §2; RFC 9051 §7.1

imap-no-mechanism = 未知的登录方式
    .text = 服务器只提供在 CAPABILITY 中以 AUTH=... 列出的 SASL 方式；这里只有 PLAIN。
    .rfc = RFC 9051 §6.2.2

imap-no-nonexistent = 没有这个文件夹
    .text = 没有叫这个名字的邮箱（INBOX 的字母大小写可以随意，其他名字必须完全一致）。LIST "" "*" 会列出现有的邮箱。
    .rfc = RFC 9051 §7.1

imap-no-already_exists = 文件夹已存在
    .text = 已经有一个叫这个名字的邮箱了。
    .rfc = RFC 9051 §7.1

imap-no-inbox = INBOX 必须保留
    .text = INBOX 是新邮件到达的地方，所以不能删除。
    .rfc = RFC 9051 §6.3.5

imap-no-bad_name = 不是有效的文件夹名
    .text = 邮箱名不能为空，也不能包含通配符 * 和 %；/ 用来分隔层级（Work/2026）。
    .rfc = RFC 9051 §5.1

imap-no-selected = 文件夹正打开着
    .text = 这台服务器不会删除或重命名你当前选中的文件夹；请先用 CLOSE 或 UNSELECT 关闭它。
    .rfc = RFC 9051 §6.3.5

imap-no-trycreate = 请先创建文件夹
    .text = 目标邮箱不存在。[TRYCREATE] 告诉邮件程序：先 CREATE，再重试一次，就能成功。
    .rfc = RFC 9051 §6.3.12, §7.1

imap-no-read_only = 只读
    .text = 这个文件夹是用 EXAMINE 打开的，所以标志不能更改，也不能彻底删除任何邮件。
    .rfc = RFC 9051 §6.3.3, §7.1

imap-no-in_use = 邮箱正被一个 POP3 会话占用
    .text = POP3 在登录期间会锁住邮箱，并且只在开始时给邮件编一次号；如果在它使用期间删除邮件，它就会搞混。IMAP 可以读取邮件、设置标志，但删除要等到 POP3 结束之后。[INUSE] 的意思是：稍后再试。
    .rfc = RFC 9051 §7.1; RFC 1939 §4

imap-no-charset = 未知的字符集
    .text = SEARCH CHARSET 说明搜索词是用哪种字符集写的；这台服务器认识 UTF-8 和 US-ASCII。
    .rfc = RFC 9051 §6.4.4, §7.1

imap-no-too_big = 字面量太大
    .text = 客户端预告的字节数超过了服务器能接受的上限，所以服务器没有发送 +，客户端也不再发送这条命令的剩余部分。
    .rfc = RFC 9051 §7.1; RFC 7888 §4

imap-bad-wrong_state = 现在不能用这个命令
    .text = 每个命令只能在特定的状态下使用：LOGIN 在登录之前，SELECT 在登录之后，FETCH 只能在选中了文件夹之后。应答会列出现在能用的命令，以及需要先发送什么。
    .rfc = RFC 9051 §3

imap-bad-unknown_command = 未知命令
    .text = 服务器不认识这个命令。会话会继续进行。
    .rfc = RFC 9051 §7.1.3

imap-bad-missing_tag = 忘了写标签
    .text = 每条 IMAP 命令都以客户端自己选的标签开头，例如 a1，这样应答才能和命令对应起来：要写 a1 LOGIN dave dave-pass，而不是 LOGIN dave dave-pass。
    .rfc = RFC 9051 §2.2.1

imap-bad-no_tag = 没有标签
    .text = 这一行不是以标签（字母和数字，例如 a1）开头的，所以服务器用 * 代替标签来应答。
    .rfc = RFC 9051 §2.2.1

imap-bad-no_command = 只有标签，没有命令
    .text = 标签后面应该是一个空格和命令：a1 NOOP。
    .rfc = RFC 9051 §2.2.1

imap-bad-empty_line = 空行
    .text = IMAP 没有空命令；每一行都是一个标签加一个命令。
    .rfc = RFC 9051 §2.2.1

imap-bad-syntax = 命令格式错误
    .text = 服务器认识这个命令，但它的参数不对；应答中给出了正确格式的例子。
    .rfc = RFC 9051 §9

imap-bad-sequence_set = 邮件集合写错了
    .text = 邮件用编号、范围和列表来指定：1、2:4、1,3,5 或 1:*（一直到最后一封）。编号从 1 开始。
    .rfc = RFC 9051 §9

imap-bad-no_such_message = 没有这个邮件编号
    .text = 邮件编号从 1 一直到文件夹中的邮件数（EXISTS）；比它大的编号不存在。
    .rfc = RFC 9051 §6.4.5, §9

imap-bad-flag = 这里不能用这个标志
    .text = 标志有 \Seen、\Answered、\Flagged、\Deleted 和 \Draft。这台服务器不接受自创的关键字，而且 \Recent 不能被设置。
    .rfc = RFC 9051 §2.3.2

imap-bad-search = 搜索条件写错了
    .text = 搜索键是 ALL、UNSEEN、FROM john、NOT DELETED 或 OR SEEN FLAGGED 这样的词；每个需要值的词都必须带上一个值。
    .rfc = RFC 9051 §6.4.4

imap-bad-fetch = 获取项写错了
    .text = FETCH 接受 FLAGS、UID、RFC822.SIZE、ENVELOPE、BODY.PEEK[HEADER] 或 BODY[]<0.100> 这样的项；有多项时要放在括号里。
    .rfc = RFC 9051 §6.4.5

imap-bad-line_too_long = 行太长
    .text = 这一行超过了服务器能接受的长度。长数据应该放在字面量（{"{"}大小{"}"}）里，而不是写在行中。
    .rfc = RFC 9051 §4; RFC 7162 §4

imap-bad-literal_too_big = 字面量太大
    .text = 一个非同步字面量（{"{"}大小+{"}"}）超过了服务器能接受的大小；服务器把这些字节丢掉了。
    .rfc = RFC 7888 §4

imap-bad-auth_cancelled = 登录已取消
    .text = 客户端对 + 提示回答了 *，这会取消 AUTHENTICATE。
    .rfc = RFC 9051 §6.2.2

imap-bad-base64 = 不是有效的 PLAIN 数据
    .text = 在 + 之后，客户端必须发送以下内容的 base64 编码：授权名（可以为空）、NUL、用户名、NUL、密码。
    .rfc = RFC 4616 §2; RFC 9051 §6.2.2

imap-bad-expected_done = 应该发送 DONE
    .text = 在 IDLE 期间，客户端唯一可以发送的就是 DONE。服务器已结束 IDLE。
    .rfc = RFC 2177 §3

imap-bye-logout = BYE
    .text = 服务器应 LOGOUT 的要求，宣布它要关闭连接。
    .rfc = RFC 9051 §7.1.5

imap-bye-too_many_failures = 登录失败次数太多
    .text = 密码错了好几次之后，服务器就会断开连接，以减慢别人猜密码的速度。
    .rfc = RFC 9051 §7.1.5

imap-bye-autologout = 自动登出
    .text = 太长时间（至少 30 分钟）没有发送任何内容，所以服务器关闭连接。处于 IDLE 的客户端会在此之前重新开始 IDLE。
    .rfc = RFC 9051 §5.4; RFC 2177

imap-bye-connection_lost = 连接中断
    .text = 在 LOGOUT 之前连接就断了。不会删除任何邮件：只有 EXPUNGE、CLOSE 和 MOVE 会删除邮件。
    .rfc = RFC 9051 §6.4.3

imap-data-capability = 功能列表
    .text = IMAP4rev2 和 IMAP4rev1 是服务器使用的协议版本；其余的是扩展，例如 IDLE、MOVE 和 LITERAL+。
    .rfc = RFC 9051 §7.2.2

imap-data-enabled = 已开启
    .text = 这些是 ENABLE 真正开启了的扩展。
    .rfc = RFC 5161 §3.2

imap-data-exists = 有多少封邮件
    .text = 文件夹中的邮件数。每当有新邮件到达时都会再发一次：处于 IDLE 的客户端就是这样立刻得知有新邮件的。
    .rfc = RFC 9051 §7.4.1

imap-data-recent = RECENT（旧版）
    .text = IMAP4rev1 中统计自上次访问以来新邮件的数量；IMAP4rev2 去掉了 \Recent，所以这里它是 0。
    .rfc = RFC 3501 §7.3.2

imap-data-flags = 有哪些标志
    .text = 这个文件夹中的邮件可以带的标志：\Seen（已读）、\Answered、\Flagged（加星标）、\Deleted（待删除）和 \Draft。
    .rfc = RFC 9051 §7.3.5

imap-data-list = 一个文件夹
    .text = 文件夹的属性、层级分隔符（/）和它的名字。
    .rfc = RFC 9051 §7.3.1

imap-data-status = 文件夹计数
    .text = STATUS 所请求的各项数字。
    .rfc = RFC 9051 §7.3.4

imap-data-search = 搜索结果
    .text = 匹配邮件的编号（如果是 UID SEARCH，则是 UID），这是 IMAP4rev1 的格式。
    .rfc = RFC 3501 §7.2.5

imap-data-esearch = 搜索结果
    .text = 以紧凑的集合形式给出匹配的邮件，例如 2:4,7，这是 IMAP4rev2 的格式，并带有它所应答的那条 SEARCH 命令的标签。
    .rfc = RFC 9051 §7.3.4

imap-data-fetch = 邮件数据
    .text = 对某封邮件所请求的内容，或者它的新标志。{"{"}n{"}"} 后面跟着 n 个字节，这叫字面量：它就是按原样存储的邮件内容。
    .rfc = RFC 9051 §7.5.2

imap-data-expunge = 邮件已删除
    .text = 第 n 封邮件已被永久删除，它后面的每封邮件的编号都减 1。所以邮件程序更喜欢用 UID。
    .rfc = RFC 9051 §7.5.1

imap-cont-literal = 继续，发送字面量吧
    .text = 客户端用 {"{"}大小{"}"} 预告了要发送的字节数，并在等待；+ 告诉它现在可以发送了。使用 LITERAL+（{"{"}大小+{"}"}）时，客户端不必等待。
    .rfc = RFC 9051 §4.3, §7.5; RFC 7888

imap-cont-sasl = 继续，发送你的登录信息
    .text = 服务器在等待下一行中以 base64 编码的 PLAIN 登录数据。
    .rfc = RFC 9051 §6.2.2, §7.5

imap-cont-idle = 空闲等待中
    .text = 从现在起，一有新情况，服务器就会主动推送，直到客户端发送 DONE。
    .rfc = RFC 2177 §3

imap-state-Authenticated = Authenticated（已验证身份）状态
    .text = 已登录：客户端可以列出、创建和打开文件夹，但还没有选中任何文件夹。
    .rfc = RFC 9051 §3.2

imap-state-Selected = Selected（已选中）状态
    .text = 已打开一个文件夹：客户端可以对其中的邮件进行搜索、获取、设置标志、复制、移动和彻底删除。
    .rfc = RFC 9051 §3.3

imap-state-Logout = Logout（登出）状态
    .text = 会话正在结束（由于 LOGOUT、超时或错误），连接随后关闭。
    .rfc = RFC 9051 §3.4

dns-query-a = DNS 查询：地址
    .text = 主机向 DNS 服务器询问某个名字的 IP 地址（A 记录），这样它才知道要连接到哪里。
    .rfc = RFC 1035 §3.4.1

dns-query-mx = DNS 查询：邮件交换服务器
    .text = 要给某个域名发邮件，邮件服务器会问 DNS：哪些主机接收发往这个域名的邮件（MX 记录）。
    .rfc = RFC 5321 §5.1

dns-answer-a = DNS 应答：地址
    .text = DNS 服务器回答这个名字的 IP 地址。
    .rfc = RFC 1035 §3.4.1

dns-answer-mx = DNS 应答：邮件交换服务器
    .text = DNS 服务器列出这个域名的邮件主机，每台都带一个优先级数字：数字最小的最先尝试。
    .rfc = RFC 1035 §3.3.9

dns-answer-nodata = DNS 应答：没有这种记录
    .text = 这个名字存在，但没有所请求类型的记录（DNS 把这叫作 NODATA）。如果是邮件服务器在查询 MX 记录，它就会退而使用这个域名自己的地址（它的 A 记录）：这叫“隐式 MX”，就好像这个域名有一条指向它自己的 MX 记录。完全不想收邮件的域名则会发布“空 MX”（MX 0 .），这样发送方会立即退信。
    .rfc = RFC 2308 §2.2; RFC 5321 §5.1; RFC 7505 §3

dns-answer-nxdomain = DNS 应答：没有这个域名
    .text = NXDOMAIN：这个名字在 DNS 中不存在，所以没有可以连接的地址。如果邮件服务器查的是收件人的域名，那么发往它的邮件永远无法投递，所以服务器会立即退信，而不是重试。
    .rfc = RFC 1035 §4.1.1; RFC 2308 §2.1

dns-answer-servfail = DNS 应答：服务器故障
    .text = SERVFAIL：DNS 服务器无法回答关于这个名字的查询（它的区域坏了，或者它自己的某次查询失败了）。这并不说明这个名字是否存在，所以提问的一方把它当作临时故障：邮件服务器把邮件留在队列里，稍后再试；SPF、DKIM 或 DMARC 检查的结果是 "temperror"。在 MailSim 中，场景可以用类型为 servfail 的 [[dns]] 条目故意弄坏一个名字。
    .rfc = RFC 1035 §4.1.1; RFC 5321 §5.1; RFC 7208 §2.6.6

dns-answer-nullmx = DNS 应答：这个域名不收邮件
    .text = 唯一的 MX 记录指向“.”（即“空 MX”）：这个域名声明它从不接收电子邮件。邮件服务器不会重试；它会立即退信，状态码为 5.1.10。
    .rfc = RFC 7505 §3, §4.1

tcp-open = 连接已建立
    .text = 两台主机完成了 TCP 的三次握手；现在客户端等待服务器的问候。
    .rfc = RFC 9293 §3.5

tcp-refused = 连接被拒绝
    .text = 主机在运行，但那个端口上没有程序在监听，所以它用一个重置（reset）来回应连接请求。
    .rfc = RFC 9293 §3.10.7.1

tcp-unreachable = 主机不可达
    .text = 主机（或通往它的网络）停止了工作：连接请求得不到任何回应。邮件服务器会把这当作临时失败，稍后再试，或者尝试下一个 MX。
    .rfc = RFC 5321 §4.5.4.1

tcp-close = 连接已关闭
    .text = 会话结束后，其中一方关闭了连接。
    .rfc = RFC 9293 §3.6

tcp-reset = 连接被重置
    .text = 连接没有正常告别就结束了。当一台主机被关掉时，MailSim（一个模拟器）仍会把这台主机已经发出的内容送达，然后紧接着显示重置；而在现实中，崩溃的主机什么也不会发送，所以另一方要等到超时才会发觉；或者等那台主机重启后，它收到一个属于旧连接（它已经忘掉了）的数据包，就会给另一方发回一个重置（RST）。
    .rfc = RFC 9293 §3.5.2, §3.10.7

mta-queued = 邮件已进入队列
    .text = 这台服务器在收完邮件后回答了 250，就表示它接下了这封邮件的责任：现在它必须把邮件投递出去，或者把失败情况报告给发件人。
    .rfc = RFC 5321 §6.1

mta-relayed = 邮件已中继
    .text = 下一台服务器接受了这封邮件，所以责任转到了它那里，这台服务器把邮件从自己的队列中删除。
    .rfc = RFC 5321 §2.3.10, §6.1

mta-delivered = 已投递到邮箱
    .text = 最终投递：邮件被存入收件人的邮箱，并带上一个记录信封发件人的 Return-Path 邮件头。
    .rfc = RFC 5321 §4.4

mta-retry = 已安排重试
    .text = 这次尝试遇到了临时失败（4xx 应答或者连不上），所以邮件留在队列中，服务器稍后会再试，而且每次等待的时间都更长。MailSim 把第一次等待缩短到 15 分钟，好让你看到重试；真实的服务器至少等 30 分钟，并且会持续尝试 4 到 5 天。
    .rfc = RFC 5321 §4.5.4.1

mta-bounce = 已发送退信
    .text = 邮件无法投递，所以服务器向信封发件人发回一份投递状态通知。通知从空发件人 <> 发出，这样它永远不会再引发另一封退信。
    .rfc = RFC 5321 §6.1, §3.6.3, §4.5.5; RFC 3464

mta-bounce-queued = 退信已放入队列
    .text = 这份投递状态通知是服务器自己写的，并像其他邮件一样放进了自己的队列；到目前为止还没有其他服务器参与。现在它要把通知投递到原发件人的邮箱，可能就在本机，也可能通过 SMTP 发出。通知从空发件人 <> 发出，所以如果无法投递，就直接丢弃，绝不会再次退信。
    .rfc = RFC 5321 §6.1; RFC 3464

mta-bounce-discarded = 退信的退信被丢弃
    .text = 这封无法投递的邮件本身就是一封退信（它的发件人是 <>），而退信永远不会再被退回，所以服务器只在日志中记下这次失败。
    .rfc = RFC 5321 §6.1

mta-loop = 检测到邮件循环
    .text = 邮件每经过一台服务器，都会在顶部加一行 Received。如果一封邮件到达时已经带有 100 行或更多，那它几乎肯定是在服务器之间绕圈子，所以服务器会截住它，并退信给发件人。（RFC 5321 要求这个上限要大，通常至少为 100；MailSim 用的是 100。）
    .rfc = RFC 5321 §6.3

mta-giveup = 已放弃
    .text = 每次尝试都因临时原因失败，而且邮件在队列中停留的时间超过了服务器的上限（MailSim 中为 4 天；RFC 5321 建议 4 到 5 天），所以服务器停止尝试，并退信给发件人。退信会报告最后一次的问题：例如 4.4.1（接收服务器一直没有应答），或者逐字给出最后一次的 4xx 应答。
    .rfc = RFC 5321 §4.5.4.1

pop3-retrieved = 邮件已下载
    .text = 邮件程序用 RETR 下载了整封邮件。
    .rfc = RFC 1939 §5

pop3-deleted = 邮件已在服务器上删除
    .text = 用 DELE 标记的邮件直到现在才被真正删除：客户端发送了 QUIT，会话进入了 Update（更新）状态。
    .rfc = RFC 1939 §6

imap-fetched = 已通过 IMAP 下载邮件
    .text = 服务器把邮件的内容发给了邮件程序（FETCH BODY[]）。与 POP3 先 RETR 再 DELE 不同，这样会把邮件留在服务器上，所以其他设备也能读到它。获取 BODY[] 会在服务器上设置 \Seen 标志；BODY.PEEK[] 则让标志保持原样。
    .rfc = RFC 9051 §6.4.5

imap-flags_changed = 服务器上的标志已更改
    .text = 一封邮件的标志（\Seen、\Flagged、\Deleted 等）改变了。标志是和邮件一起保存在服务器上的邮箱里的，而不是保存在邮件程序里，所以这个用户的每台设备都能看到这个变化：另一个打开了这个文件夹的会话会通过一条无标签的 FETCH 得到通知；如果它处于 IDLE，就立刻通知，否则随它下一条命令的应答一起通知。
    .rfc = RFC 9051 §2.3.2, §6.4.6, §7.5.2; RFC 2177

imap-appended = 邮件已添加到文件夹
    .text = APPEND 存入了一封由邮件程序自己写的邮件，比如放进 Sent 的已发送邮件副本：邮件不一定要通过 SMTP 到达，才能出现在文件夹中。
    .rfc = RFC 9051 §6.3.12

imap-copied = 邮件已复制到另一个文件夹
    .text = COPY（或者 MOVE 的前一半）把每封邮件的副本放进了另一个文件夹，副本带有相同的标志，并在那里得到一个新的 UID。
    .rfc = RFC 9051 §6.4.7, §6.4.8

imap-expunged = 邮件已从文件夹中消失
    .text = 这封邮件已经不在这个文件夹中：要么是 EXPUNGE 或 CLOSE 把它永久删除了（它被标记为 \Deleted），要么是 MOVE 把它移到了另一个文件夹（先在那里放一个副本，再删除这里的这封）。在这里，POP3 和 IMAP 使用的是同一个邮箱，所以离开 INBOX 的邮件在 POP3 中也没有了。其他打开了这个文件夹的会话会通过一条无标签的 EXPUNGE 得到通知：如果它们处于 IDLE，就立刻通知，否则随它们下一条命令的应答一起通知（但绝不会在 FETCH、STORE 或 SEARCH 期间通知，因为那会改变这些命令所用的邮件编号）。
    .rfc = RFC 9051 §6.4.3, §6.4.8, §7.5.1

net-host-down = 主机关闭
    .text = 这是一个模拟器事件：场景把这台主机关掉，就像它崩溃或断电了一样。在它恢复之前，它什么都不回应，所以连接它都会失败。
    .rfc = MailSim (simulator)

net-host-up = 主机开启
    .text = 这是一个模拟器事件：主机重新开启，并接受连接。
    .rfc = MailSim (simulator)

world-wait = 时间流逝
    .text = 这是一个模拟器事件：一段时间内什么都没有发生，所以模拟器直接跳到下一个已安排的事件。
    .rfc = MailSim (simulator)

field-received-from = Received: from
    .text = 发送方电脑在 HELO 或 EHLO 中给出的名字，后面括号里是这次连接实际来自的 IP 地址。名字只是发送方自称的；地址才是接收服务器实际看到的。
    .rfc = RFC 5321 §4.4

field-received-by = Received: by
    .text = 接收这封邮件并写下这一行的服务器。每台服务器都会把自己的 Received 行加在其他行的上面，所以要从下往上读，才能跟踪邮件走过的路径。
    .rfc = RFC 5321 §4.4

field-received-with = Received: with
    .text = 邮件是怎样到达的：HELO 之后用的是 SMTP，EHLO 之后是 ESMTP；如果发件人还用 AUTH 登录了，就是 ESMTPA。
    .rfc = RFC 5321 §4.4; RFC 3848

field-received-id = Received: id
    .text = 接收服务器在自己的队列中给这封邮件起的名字，和它的“250 OK queued as”应答中的一样。这能帮助管理服务器的人在日志中找到这封邮件。
    .rfc = RFC 5321 §4.4

field-received-for = Received: for
    .text = 这台服务器是替哪个收件人接受这封邮件的：也就是 RCPT TO（信封）中的收件人地址。它可能和 To: 邮件头不同，因为 To: 只是发件人写的文字：Bcc（密送）收件人在信封里，却不出现在任何邮件头中。
    .rfc = RFC 5321 §4.4

field-received-date = Received: date
    .text = 分号后面是这台服务器收到这封邮件的时间。比较各个 Received 行的时间，就能看出每一跳花了多长时间。
    .rfc = RFC 5321 §4.4; RFC 5322 §3.6.7

dsn-reporting_mta = Reporting-MTA
    .text = 写这份报告的邮件服务器：也就是无法投递这封邮件的那台服务器。“dns;”表示后面是一个主机名。
    .rfc = RFC 3464 §2.2.2

dsn-x_queue_id = X-Queue-ID
    .text = 报告方服务器在自己的队列中给这封邮件的 ID。以 X- 开头的字段名永远不会成为标准字段名（RFC 把它们留给实验用），所以邮件服务器可以添加自己的字段。
    .rfc = RFC 3464 §2.4

dsn-arrival_date = Arrival-Date
    .text = 报告方服务器第一次收到这封邮件的时间。
    .rfc = RFC 3464 §2.2.5

dsn-final_recipient = Final-Recipient
    .text = 报告的这一部分所涉及的收件人，写法和报告方服务器最后一次尝试时一样。“rfc822;”表示后面是一个普通的电子邮件地址。
    .rfc = RFC 3464 §2.3.2

dsn-action = Action
    .text = 这个收件人的邮件怎么样了。“failed”表示邮件没有投递，并且服务器已经停止尝试；其他值有 delayed、delivered、relayed 和 expanded。
    .rfc = RFC 3464 §2.3.3

dsn-status = Status
    .text = 问题的增强状态码：第一个数字是类别（4 表示临时，5 表示永久），另外两个数字说明出了什么问题，例如 5.1.1 表示“没有这个邮箱”。
    .rfc = RFC 3464 §2.3.4; RFC 3463

dsn-remote_mta = Remote-MTA
    .text = 拒绝这封邮件的服务器：也就是报告方服务器当时正在与之通信的那台服务器。如果根本没有其他服务器应答，就没有这一项。
    .rfc = RFC 3464 §2.3.5

dsn-diagnostic_code = Diagnostic-Code
    .text = 另一台服务器给出的原样应答，包括增强状态码（“smtp;”表示这是一个 SMTP 应答），这样人们就能读到真正的原因。
    .rfc = RFC 3464 §2.3.6; RFC 3461 §9.2

fault-injected = 注入的故障（不是正常行为）
    .text = 场景让这台服务器故意在这里给出这个应答，看看另一方如何应对：正常的服务器本来会正常应答。4xx 应答的意思是“稍后再试”，所以发送方服务器会保留邮件并重试；5xx 应答表示拒绝，所以它会退信；421 还会关闭连接。
    .rfc = MailSim (injected fault); RFC 5321 §4.2.1, §3.8

fault-drop = 注入的故障：连接被断开
    .text = 场景让这台服务器故意不给任何应答就关闭连接。发送方发出邮件后没有收到应答，就无法知道邮件是否已被接受，所以它必须把这当作临时失败，稍后再试（如果服务器其实已经保存了邮件，这可能导致邮件被投递两次）。
    .rfc = MailSim (injected fault); RFC 5321 §4.5.4.1, §6.1; RFC 1047

mta-delayed = 投递延迟：给发件人的警告
    .text = 邮件已经在队列中等了好几个小时，服务器仍在尝试。它给发件人发一次警告，即一份带有“Action: delayed”的投递状态通知：现在还没有放弃，不需要重新发送。如果每次尝试都一直失败，真正的退信会在之后到来。
    .rfc = RFC 3464 §2.3.3; RFC 5321 §4.5.4.1

mta-delayed-queued = 延迟警告已放入队列
    .text = 这份“仍在尝试”的通知是服务器自己写的（Subject: Delayed Mail），它被放进服务器自己的队列，像其他邮件一样投递给发件人。它从空发件人 <> 发出，这样即使它出了问题，也永远不会再引发另一份通知。
    .rfc = RFC 3464 §2.3.3, §2.3.8; RFC 5321 §6.1

net-retransmit = 途中丢失，已重新发送
    .text = 这条链路会丢掉一部分经过它的数据包（TCP 报文段）。TCP 发现某个报文段一直没有被确认，就会在超时后重新发送它，所以对邮件程序来说什么也没有丢：这些字节只是到得晚一些。在会丢包的网络上，丢包表现为延迟。（丢掉哪些报文段由场景的随机种子决定，所以重新运行时丢掉的还是同样那些。）
    .rfc = RFC 9293 §3.8.1; RFC 6298 §2, §5

smtp-pipelining-batch = 流水线：一次发送多条命令
    .text = 服务器提供了 PIPELINING，所以客户端一次发出了多条命令，不等待每条命令的应答。这样每条命令可以省掉一次往返，这在慢速链路上很重要。这个客户端要等 MAIL 和 RCPT 的应答都回来之后才发送 DATA，这样它才知道是否有收件人被接受了（RFC 2920 也允许把 DATA 作为一批命令中的最后一条）。
    .rfc = RFC 2920 §3.1

smtp-pipelining-replies = 流水线：应答按相同顺序返回
    .text = 应答中并不写明它回答的是哪条命令：客户端按顺序把它们和自己发出的那批命令对应起来。第一个应答对应第一条命令，第二个对应第二条，依此类推；一个收件人被拒绝，只是那一条 RCPT 被拒绝。
    .rfc = RFC 2920 §3.1, §3.2

smtp-ok-normalised = 被一台会“规范化”单独 LF 的服务器接受
    .text = 这台服务器被设置成把单独的 LF 当作行尾，所以 <LF>.<LF> 在这里就结束了邮件，尽管按照标准，只有 CR LF . CR LF 才能结束一封邮件。之后的字节被当成了新的命令：第一封邮件里藏着第二封邮件。这就是 2023 年的“SMTP 走私”（SMTP smuggling）漏洞；安全的服务器会拒绝单独的 LF（这是 MailSim 的默认设置），或者从不把它当作邮件的结束。
    .rfc = RFC 5321 §2.3.8, §4.1.1.4; CVE-2023-51764

smtp-ok-smuggled = 走私的邮件被接受：这就是漏洞
    .text = 这封邮件从来没有被单独发送过：它藏在上一封邮件的内容里，位于一个伪造的邮件结束标记（<LF>.<LF>）之后。因为这台服务器把单独的 LF 当作行尾，它就把藏起来的命令当成了真正的命令，接受了第二封伪造的邮件，发件人是攻击者随便写的。为第一封邮件所做的检查（是谁连接的、SPF）现在看起来就像是在为这封邮件担保。
    .rfc = RFC 5321 §2.3.8, §4.1.1.4; CVE-2023-51764

dns-query-txt = DNS 查询：文本记录
    .text = 主机向 DNS 查询某个名字的 TXT 记录。邮件服务器把它们的发件规则放在这里：SPF 的允许服务器列表、DKIM 公钥和 DMARC 策略。
    .rfc = RFC 1035 §3.3.14

dns-answer-txt = DNS 应答：文本记录
    .text = DNS 服务器回答这个名字的文本记录，内容和域名所有者写的完全一样。
    .rfc = RFC 1035 §3.3.14

auth-spf-check-mailfrom = 对信封发件人的 SPF 检查
    .text = 接收服务器会问：正在和我通信的这台电脑（它的 IP 地址）是否被允许为 MAIL FROM 中的域名发送邮件？域名的所有者通过 DNS 中的 SPF 记录来回答。
    .rfc = RFC 7208 §2.4, §4

auth-spf-check-helo = 对 HELO 名字的 SPF 检查
    .text = 这封邮件没有信封发件人（MAIL FROM:<>，退信就是这样），所以服务器改为检查客户端在 HELO/EHLO 中给出的名字，就当发件人是那个名字下的 postmaster。
    .rfc = RFC 7208 §2.3, §2.4

auth-spf-record = 找到 SPF 记录
    .text = 这个域名发布了一条以 v=spf1 开头的 TXT 记录：这是一串规则（机制），从左往右读。第一条与客户端地址匹配的规则决定结果。
    .rfc = RFC 7208 §4.5, §4.6

auth-spf-record-none = 没有 SPF 记录
    .text = 这个名字没有以 v=spf1 开头的 TXT 记录，所以它的所有者没有说明哪些服务器可以为它发送邮件。
    .rfc = RFC 7208 §4.5

auth-spf-mech-all = SPF 规则：all
    .text = “all”匹配所有地址。它是记录中的最后一条规则，说明前面没有列出的所有人会怎样：-all 为 fail，~all 为 softfail，?all 为 neutral。
    .rfc = RFC 7208 §5.1

auth-spf-mech-include = SPF 规则：include
    .text = include:other-domain 会用同一个地址去检查另一个域名的 SPF 记录。如果结果是 pass，这条规则就算匹配（用来允许邮件服务商的服务器）。
    .rfc = RFC 7208 §5.2

auth-spf-mech-a = SPF 规则：a
    .text = 当客户端的地址是这个域名的某个地址（A 记录），或者是 a: 后面所写名字的某个地址时，“a”就匹配。
    .rfc = RFC 7208 §5.3

auth-spf-mech-mx = SPF 规则：mx
    .text = 当客户端是这个域名的某台邮件服务器时，“mx”就匹配：服务器先查询 MX 记录，再查询每台邮件主机的地址。
    .rfc = RFC 7208 §5.4

auth-spf-mech-ip4 = SPF 规则：ip4
    .text = 当客户端的地址在 ip4:192.0.2.0/24 这个范围内时，它就匹配；/24 表示前 24 位必须相同（192.0.2.任意数）。不需要进行 DNS 查询。
    .rfc = RFC 7208 §5.6

auth-spf-mech-ip6 = SPF 规则：ip6
    .text = ip6: 列出一个 IPv6 地址范围。模拟的世界只使用 IPv4，所以这条规则在这里永远不会匹配。
    .rfc = RFC 7208 §5.6

auth-spf-mech-exists = SPF 规则：exists
    .text = 只要那个名字有任何地址，exists:name 就匹配。大型服务商把它和宏一起使用，向自己的 DNS 询问有关发件人的问题。
    .rfc = RFC 7208 §5.7

auth-spf-mech-ptr = SPF 规则：ptr（已弃用）
    .text = ptr 通过反向 DNS 查询客户端的主机名。它又慢又不可靠，RFC 说不要使用它；MailSim 把它算作一次查询，但永远不让它匹配。
    .rfc = RFC 7208 §5.5

auth-spf-redirect = SPF 重定向
    .text = 没有规则匹配，而记录以 redirect=other-domain 结尾：于是改由另一个域名的记录给出答案，就好像那是这个域名自己的记录一样。
    .rfc = RFC 7208 §6.1

auth-spf-pass = SPF：pass
    .text = 客户端的地址被允许为这个域名发送邮件。但这还不能说明邮件是谁写的：人们看到的 From 行仍然可能不一样。
    .rfc = RFC 7208 §2.6.3, §8.3

auth-spf-fail = SPF：fail
    .text = 域名的所有者明确表示：这个地址不允许替它发送邮件（带 - 的规则）。接收方可以拒收这封邮件，也可以把决定交给 DMARC。
    .rfc = RFC 7208 §2.6.4, §8.4

auth-spf-softfail = SPF：softfail
    .text = 所有者表示这个地址很可能不被允许（带 ~ 的规则），但不能确定。接收方会接受这封邮件，但会更仔细地检查它。
    .rfc = RFC 7208 §2.6.5, §8.5

auth-spf-neutral = SPF：neutral
    .text = 所有者对这个地址不作任何表态（带 ? 的规则，或者没有规则匹配）。它的效果和完全没有 SPF 一样。
    .rfc = RFC 7208 §2.6.2, §8.2

auth-spf-none = SPF：none
    .text = 没有可供检查的 SPF 记录（或者没有可以查询的域名），所以 SPF 对这个发件人什么也说明不了。
    .rfc = RFC 7208 §2.6.1, §4.3

auth-spf-temperror = SPF：临时错误
    .text = 一次 DNS 查询没有得到应答，所以检查无法完成。稍后再试可能会成功；在此期间，服务器可能会回答 451 4.4.3。
    .rfc = RFC 7208 §2.6.6, §8.6

auth-spf-permerror-lookups = SPF：查询次数太多
    .text = 检查需要超过 10 次 DNS 查询（include、a、mx、exists、redirect 每个都算一次）。这个上限是为了保护 DNS 服务器不被大量查询淹没，所以结果是 permerror。
    .rfc = RFC 7208 §4.6.4

auth-spf-permerror-void = SPF：空查询太多
    .text = 超过两次查询什么也没找到（没有这个名字，或者没有记录）。这样的记录要么是坏的，要么被滥用了，所以检查以 permerror 终止。
    .rfc = RFC 7208 §4.6.4

auth-spf-permerror-syntax = SPF：记录有错
    .text = 记录中有拼写错误（未知的规则、错误的地址或范围）。在尝试任何规则之前，整条记录就被拒绝了。
    .rfc = RFC 7208 §4.6, §12

auth-spf-permerror-multiple = SPF：两条记录
    .text = 这个域名发布了不止一条 v=spf1 记录。接收方无法知道指的是哪一条，所以这是永久错误。
    .rfc = RFC 7208 §4.5

auth-spf-permerror-no-record = SPF：include 或 redirect 指向了不存在的记录
    .text = include: 或 redirect= 指向的域名没有 SPF 记录。这是记录中的错误，所以结果是 permerror。
    .rfc = RFC 7208 §5.2, §6.1

auth-dmarc-record = 找到 DMARC 策略
    .text = 人们看到的 From 行中的域名在 _dmarc.domain 处发布了一条策略：当 SPF 和 DKIM 都不能为这个域名本身担保时，接收方应该怎么做（p=none、quarantine 或 reject）。
    .rfc = RFC 7489 §6.1, §6.3

auth-dmarc-record-none = 这里没有 DMARC 策略
    .text = 这个名字下没有可用的 v=DMARC1 记录。
    .rfc = RFC 7489 §6.6.3

auth-dmarc-orgdomain = DMARC：去问主域名
    .text = From 中的域名是一个没有自己策略的子域名，所以接收方去查询它的组织域名（这里取最后两段，例如 isp.example）。如果组织域名给出了 sp= 策略，那就是针对子域名的策略。
    .rfc = RFC 7489 §3.2, §6.6.3

auth-dmarc-align-spf = DMARC：SPF 已对齐
    .text = SPF 对 MAIL FROM 中的域名检查通过，而且这个域名与 From 中的域名相符（完全相同；或者在宽松对齐时，属于同一个主域名）。
    .rfc = RFC 7489 §3.1.2

auth-dmarc-align-dkim = DMARC：DKIM 已对齐
    .text = 一个 DKIM 签名验证通过，而且它的 d= 域名与 From 中的域名相符（完全相同；或者在宽松对齐时，属于同一个主域名）。
    .rfc = RFC 7489 §3.1.1

auth-dmarc-align-no = DMARC：未对齐
    .text = 这项检查要么失败了，要么通过的是另一个域名，而不是 From 中的那个。伪造者可以让自己的域名通过 SPF；DMARC 只承认读者看到的那个域名的通过结果。
    .rfc = RFC 7489 §3.1

auth-dmarc-pass = DMARC：pass
    .text = SPF 或 DKIM 对一个与 From 行对齐的域名检查通过了，所以读者看到的那个域名在为这封邮件担保。
    .rfc = RFC 7489 §4.2

auth-dmarc-fail-none = DMARC：fail，策略为 none
    .text = 没有任何已对齐的结果为 From 中的域名担保，但它的所有者只要求被告知（p=none），所以邮件照常投递。
    .rfc = RFC 7489 §6.3, §6.6.4

auth-dmarc-fail-quarantine = DMARC：fail，quarantine（隔离）
    .text = 没有任何已对齐的结果为 From 中的域名担保，而它的所有者要求接收方把这类邮件当作可疑邮件：服务器接受邮件，但把它标记为垃圾邮件（加上 X-Spam-Flag: YES 邮件头），这样邮件程序就会把它放进垃圾邮件文件夹。
    .rfc = RFC 7489 §6.3, §6.6.4

auth-dmarc-fail-reject = DMARC：fail，reject（拒收）
    .text = 没有任何已对齐的结果为 From 中的域名担保，而它的所有者要求接收方拒收这类邮件：服务器在 DATA 结束时回答 550 5.7.1。
    .rfc = RFC 7489 §6.3, §6.6.4, §10.1

auth-dmarc-none = DMARC：none
    .text = From 中的域名没有发布 DMARC 策略，所以没有什么可以执行的。
    .rfc = RFC 7489 §6.6.3

auth-dmarc-temperror = DMARC：临时错误
    .text = 因为 DNS 没有应答，所以无法取得策略。
    .rfc = RFC 7489 §6.6.3; RFC 8601 §2.7.1

auth-skip-own-server = 已在边界检查过
    .text = 这封邮件来自接收方域名自己的一台服务器（备用 MX 或垃圾邮件过滤器），是那台服务器从外部接收的。SPF 针对的是从外部把邮件交过来的那台服务器，所以这里不再检查。
    .rfc = RFC 7208 §2.2

auth-results = Authentication-Results 邮件头
    .text = 接收服务器把它的检查结果（SPF、DKIM 和 DMARC，各自是 pass 还是 fail）写进邮件顶部的 Authentication-Results 邮件头，这样邮件程序和读者都能看到。
    .rfc = RFC 8601 §2.2, §5

auth-relay-footer = 中继修改了邮件
    .text = 这台服务器会在它转发的每封邮件末尾加一行，就像病毒扫描器和邮件列表那样。现在正文和签名时的不一样了，所以之前做的 DKIM 签名不再与它相符。
    .rfc = RFC 6376 §3.7, §6.1.3

auth-dkim-sign = DKIM：发件人的服务器签名
    .text = 邮件发出之前，ISP 的服务器对正文和重要的邮件头计算哈希值，并用自己的私钥签名。它添加的 DKIM-Signature 邮件头说明了是哪个域名签的名（d=）、公钥在哪里（s=，即选择器），以及正文的哈希值（bh=）。
    .rfc = RFC 6376 §5; RFC 8463 §3

auth-dkim-none = 没有 DKIM 签名
    .text = 这封邮件没有 DKIM-Signature 邮件头，所以没有人用签名为它的内容担保。
    .rfc = RFC 6376 §6.1; RFC 8601 §2.7.1

auth-dkim-signature = 找到 DKIM 签名
    .text = DKIM-Signature 邮件头说明：域名 d= 用它的私钥对这些邮件头（h=）和这个正文（bh= 是正文的指纹，即哈希值）签了名。b= 就是签名本身。
    .rfc = RFC 6376 §3.5

auth-dkim-key = DKIM 公钥
    .text = 接收方从 DNS 中的 selector._domainkey.domain 处取得签名者的公钥。只有域名的所有者才能把公钥放在那里，也只有与之配对的私钥才能做出能被它验证通过的签名。
    .rfc = RFC 6376 §3.6.1, §3.6.2

auth-dkim-key-none = DKIM：没有密钥
    .text = DNS 中 selector._domainkey.domain 处没有密钥，所以无法检查签名：这是永久错误。
    .rfc = RFC 6376 §6.1.2

auth-dkim-key-bad = DKIM：密钥不可用
    .text = 密钥记录已损坏，或者它所用的算法与签名中说的不同，所以无法检查签名。
    .rfc = RFC 6376 §3.6.1, §6.1.2

auth-dkim-key-revoked = DKIM：密钥已撤回
    .text = 密钥记录中的 p= 是空的：域名已经撤回了这个密钥，所以用它做的签名不再被接受。
    .rfc = RFC 6376 §3.6.1

auth-dkim-bodyhash = DKIM：正文未改变
    .text = 接收方按约定的方式整理正文（规范化：relaxed 会忽略多余的空格和末尾的空行），再计算它的哈希值。这个哈希值等于 bh=，所以正文和签名时完全一样。
    .rfc = RFC 6376 §3.4.3, §3.4.4, §3.7

auth-dkim-bodyhash-fail = DKIM：正文已改变
    .text = 正文的哈希值和 bh= 中的不一样：签名之后有东西改动了正文（中继、邮件列表加的页脚，或者伪造者）。
    .rfc = RFC 6376 §3.7, §6.1.3

auth-dkim-headers = DKIM：被签名的邮件头
    .text = h= 中列出的邮件头从下往上取出，经过整理（relaxed：名字改成小写，压缩多余空格），后面再加上 DKIM-Signature 邮件头本身（其中的 b= 被清空）。签名覆盖的就是这段文本。
    .rfc = RFC 6376 §3.4.2, §3.7, §5.4.2

auth-dkim-pass = DKIM：pass
    .text = 签名与公钥、邮件头和正文都相符：d= 中的域名确实发送了这些内容，而且签名所覆盖的内容在途中都没有被改动。
    .rfc = RFC 6376 §6.1.3; RFC 8601 §2.7.1

auth-dkim-fail-bodyhash = DKIM：fail（正文）
    .text = 签名被拒绝，因为正文在签名之后被改动了。
    .rfc = RFC 6376 §6.1.3

auth-dkim-fail-signature = DKIM：fail（签名）
    .text = 正文没有问题，但签名与被签名的邮件头和密钥对不上：要么某个被签名的邮件头被改动了，要么这个签名不是用这个域名的密钥做的。
    .rfc = RFC 6376 §6.1.3

auth-dkim-temperror = DKIM：临时错误
    .text = 因为 DNS 没有应答，所以无法取得密钥。稍后再检查可能会成功。
    .rfc = RFC 6376 §6.1.2; RFC 8601 §2.7.1

auth-dkim-permerror = DKIM：签名已损坏
    .text = DKIM-Signature 邮件头无法使用：缺少必需的标签，算法未知或太弱（rsa-sha1），或者 From 不在被签名的邮件头中。
    .rfc = RFC 6376 §6.1.1; RFC 8301 §3.1

# MailSim 解释表（auth2：转发规则、垃圾邮件过滤器的测试）简体中文译文
# 术语同 terms-explain-part1.md 和 terms-explain-part2.md：信封发件人、中继、垃圾邮件过滤器、
# 垃圾邮件文件夹、签名、担保、邮件程序。forward（别名、.forward）= 转发。协议记号保持原样。

mta-forward = 转发规则
    .text = 这台服务器为这个收件人设了一条规则：它不把邮件存下来，而是把邮件转发到另一个地址，就像别名（alias）或 .forward 文件那样。邮件和它的信封发件人（MAIL FROM）都保持原样。所以在下一台服务器看来，发件人域名的邮件是从这台服务器发来的，而那个域名的 SPF 记录里并没有列出这台服务器，因此 SPF 在那里会失败。有些转发服务器会把信封发件人改写成自己的一个地址（SRS，即 Sender Rewriting Scheme，发件人重写方案），这样 SPF 就会改为对它们自己通过；这台服务器没有这样做。DKIM 签名并不在乎邮件是由哪台服务器转交的，所以只要邮件没有被改动，DKIM 仍然会通过。
    .rfc = RFC 5321 §3.9.1; RFC 7208 §10.3, Appendix D

spam-signal-keyword = 垃圾邮件测试：可疑的词
    .text = 过滤器有一份垃圾邮件中常见词语的列表，在垃圾邮件过滤器这一课中是 lottery（彩票）、winner（中奖者）和 prize（奖品）。它在主题或正文中每找到一个这样的词，就加 2 分。真实的过滤器有几百个这样的测试，每个测试的权重都是从大量真实邮件中学习得来的。
    .rfc = A filter's own rules (modelled on SpamAssassin), not an RFC

spam-signal-spf = 垃圾邮件测试：SPF 失败
    .text = 过滤器自己做的 SPF 检查结果是 fail（2 分）或 softfail（1 分）：投递这封邮件的电脑不是发件人域名所允许的电脑。
    .rfc = RFC 7208 §8.4, §8.5

spam-signal-dkim = 垃圾邮件测试：无效的 DKIM 签名
    .text = 邮件上的一个 DKIM 签名没有通过验证，说明邮件在签名之后被改动过，或者签名是伪造的（2 分）。
    .rfc = RFC 6376 §6.1

spam-signal-dmarc = 垃圾邮件测试：DMARC 失败
    .text = SPF 和 DKIM 都没有为 From 中的域名担保，但该域名的策略（p=none 或 quarantine）并没有要求拒收这封邮件，所以过滤器把这一点算作这封邮件的疑点（3 分）。
    .rfc = RFC 7489 §6.6.4

spam-signal-no-date = 垃圾邮件测试：没有 Date 行
    .text = 每封邮件都必须有一行 Date:，而邮件程序总会写上这一行，所以没有这一行的邮件很可能是垃圾邮件程序生成的（1 分）。
    .rfc = RFC 5322 §3.6

spam-signal-no-message-id = 垃圾邮件测试：没有 Message-ID
    .text = 邮件应该带有一行 Message-ID:，也就是邮件程序写入的一个独一无二的名字。没有这一行的邮件看起来像是机器生成的（1 分）。
    .rfc = RFC 5322 §3.6.4

spam-verdict-spam = 标记为垃圾邮件
    .text = 分数加起来达到或超过了过滤器的分数线（5 分，这是 SpamAssassin 的默认值）。过滤器加上 X-Spam-Status: Yes，附上分数和命中的测试，再加上 X-Spam-Flag: YES，然后照样把邮件中继下去：Dave 的邮件程序可以把它放进垃圾邮件文件夹。真实的过滤器还会向黑名单（blocklist）查询发件人，并从用户标记为垃圾邮件的邮件中学习。
    .rfc = SpamAssassin's X-Spam-Status and X-Spam-Flag headers (a custom, not an RFC)

spam-verdict-clean = 不是垃圾邮件
    .text = 分数低于过滤器的分数线（5 分）。过滤器加上 X-Spam-Status: No，附上分数和命中的测试（这里没有），然后把邮件中继下去，这样任何查看邮件头的人都能知道它是怎样被判定的。
    .rfc = SpamAssassin's X-Spam-Status header (a custom, not an RFC)
