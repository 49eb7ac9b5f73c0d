//! stub
#[derive(Debug)] pub struct ClientConfig; #[derive(Debug)] pub struct ClientEvent; #[derive(Debug)] pub struct ClientSession; #[derive(Debug)] pub struct ClientState; #[derive(Debug)] pub struct DeliveryOutcome; #[derive(Debug)] pub struct RcptOutcome;
