namespace ChatBot.Host.DirectLine;

/// <summary>
/// Forgets idle conversations every minute, so transcripts live only as long as configured; when the host stops,
/// closes every live stream at once, so a graceful stop does not wait for open WebSockets.
/// </summary>
public sealed class ConversationExpiry(ConversationRegistry registry, TimeProvider clock, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = lifetime.ApplicationStopping.Register(registry.CloseAllStreams);
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                registry.Expire();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
