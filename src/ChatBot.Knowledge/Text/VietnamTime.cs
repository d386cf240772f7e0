namespace ChatBot.Knowledge.Text;

/// <summary>Vietnam's time (UTC+7, no daylight saving): the one definition every date shown or counted uses.</summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTimeOffset Of(DateTimeOffset instant) => instant.ToOffset(Offset);

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(Of(now).DateTime);
}
