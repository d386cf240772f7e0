using ChatBot.Knowledge.Text;

namespace ChatBot.Llm;

/// <summary>
/// Tokens spent today (Vietnam time) against <c>Llm:DailyTokenBudget</c>. When it is spent, no call is made until
/// the next day and residents get the retrieval answer. Started from the question records' totals at start-up.
/// </summary>
public sealed class LlmBudget(long dailyTokens, TimeProvider clock)
{
    private readonly Lock gate = new();
    private DateOnly day;
    private long spent;

    public long DailyTokens => dailyTokens;

    /// <summary>True when a budget is set and today's tokens have reached it.</summary>
    public bool IsSpent
    {
        get
        {
            lock (gate)
            {
                Roll();
                return dailyTokens > 0 && spent >= dailyTokens;
            }
        }
    }

    public long SpentToday
    {
        get
        {
            lock (gate)
            {
                Roll();
                return spent;
            }
        }
    }

    public void Add(long tokens)
    {
        lock (gate)
        {
            Roll();
            spent += Math.Max(0, tokens);
        }
    }

    private void Roll()
    {
        var today = VietnamTime.Today(clock.GetUtcNow());
        if (today != day)
        {
            day = today;
            spent = 0;
        }
    }
}
