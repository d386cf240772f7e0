using System.Data.Common;
using ChatBot.Feedback;
using ChatBot.Feedback.Reports;
using ChatBot.Feedback.Tickets;
using Microsoft.EntityFrameworkCore;

namespace ChatBot.Storage;

/// <summary>
/// Report facts straight from SQL: questions and ratings are counted per local day in the database (a few hundred
/// rows come back however many questions were asked); tickets come back one compact row each because a median
/// cannot be summed. Every query is a range scan of a time index.
/// </summary>
public sealed class SqlReportSource(IDbContextFactory<ChatBotDbContext> contexts) : IReportSource
{
    public async Task<ReportData> ReadAsync(DateOnly from, DateOnly to, int top, CancellationToken cancellationToken)
    {
        var start = ReportTime.StartUnixMs(from);
        var end = ReportTime.StartUnixMs(to.AddDays(1));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();

        var days = new Dictionary<long, DayCounts>();
        DayCounts Day(long index) => days.TryGetValue(index, out var day) ? day : days[index] = new DayCounts { Day = ReportTime.FromLocalDayIndex(index) };

        // Integer division of shifted milliseconds is the local day; every stored time is after 1970, so it floors.
        await using (var command = Command(connection, """
            SELECT ("AtUnixMs" + @offset) / @dayMs AS day, "Kind", "ReviewStatus", COUNT(*)
            FROM questions WHERE "AtUnixMs" >= @start AND "AtUnixMs" < @end
            GROUP BY day, "Kind", "ReviewStatus"
            """, start, end))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var index = reader.GetInt64(0);
                var kind = reader.GetString(1);
                var review = reader.IsDBNull(2) ? null : reader.GetString(2);
                var count = reader.GetInt32(3);
                var day = Day(index);
                days[index] = day with
                {
                    Questions = day.Questions + (kind == AnswerKinds.Smalltalk ? 0 : count),
                    Answered = day.Answered + (kind == AnswerKinds.Answer ? count : 0),
                    NoAnswer = day.NoAnswer + (kind == AnswerKinds.NoAnswer ? count : 0),
                    Unanswered = day.Unanswered + (review is null ? 0 : count),
                    UnansweredClosed = day.UnansweredClosed + (review is null or ReviewStatus.Open ? 0 : count),
                };
            }
        }

        await using (var command = Command(connection, """
            SELECT ("AtUnixMs" + @offset) / @dayMs AS day, "Helpful", "Status", COUNT(*)
            FROM ratings WHERE "AtUnixMs" >= @start AND "AtUnixMs" < @end
            GROUP BY day, "Helpful", "Status"
            """, start, end))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var index = reader.GetInt64(0);
                var helpful = reader.GetBoolean(1);
                var closed = reader.GetString(2) != ReviewStatus.Open;
                var count = reader.GetInt32(3);
                var day = Day(index);
                days[index] = day with
                {
                    Ratings = day.Ratings + count,
                    Helpful = day.Helpful + (helpful ? count : 0),
                    NotHelpfulClosed = day.NotHelpfulClosed + (!helpful && closed ? count : 0),
                };
            }
        }

        var tickets = new List<TicketFact>();
        await using (var command = Command(connection, """
            SELECT "CreatedAtUnixMs", "HandledAtUnixMs", "Status", "Satisfaction"
            FROM tickets WHERE "CreatedAtUnixMs" >= @start AND "CreatedAtUnixMs" < @end
            """, start, end))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tickets.Add(new TicketFact(
                    reader.GetInt64(0),
                    reader.IsDBNull(1) ? null : reader.GetInt64(1),
                    reader.GetString(2) != ReviewStatus.Open,
                    reader.IsDBNull(3) ? null : reader.GetInt32(3)));
            }
        }

        var procedures = new List<NamedCount>();
        await using (var command = Command(connection, """
            SELECT "DocumentId", COUNT(*) AS n
            FROM questions WHERE "AtUnixMs" >= @start AND "AtUnixMs" < @end AND "Kind" = @answer AND "DocumentId" IS NOT NULL
            GROUP BY "DocumentId" ORDER BY n DESC, "DocumentId" LIMIT @top
            """, start, end, top))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = reader.GetString(0);
                procedures.Add(new NamedCount(id, reader.GetInt32(1), id));
            }
        }

        // Without the topic grouping service: the same document guess, or else the same words, make a group.
        var unanswered = new List<NamedCount>();
        await using (var command = Command(connection, """
            SELECT MIN("Text"), COUNT(*) AS n, MAX("DocumentId")
            FROM questions WHERE "AtUnixMs" >= @start AND "AtUnixMs" < @end AND "Kind" = @noAnswer
            GROUP BY COALESCE('#' || "DocumentId", lower(trim("Text")))
            ORDER BY n DESC, MIN("Text") LIMIT @top
            """, start, end, top))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                unanswered.Add(new NamedCount(reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
            }
        }

        return new ReportData(days.Values.OrderBy(d => d.Day).ToList(), tickets, procedures, unanswered);
    }

    private static DbCommand Command(DbConnection connection, string sql, long start, long end, int top = 10)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@start", start);
        Add(command, "@end", end);
        Add(command, "@offset", ReportTime.OffsetMs);
        Add(command, "@dayMs", ReportTime.DayMs);
        Add(command, "@top", top);
        Add(command, "@answer", AnswerKinds.Answer);
        Add(command, "@noAnswer", AnswerKinds.NoAnswer);
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
