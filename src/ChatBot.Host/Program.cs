using ChatBot.Host;

var app = ChatBotApp.Create(args);
await app.RunAsync();
