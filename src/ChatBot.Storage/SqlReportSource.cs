using System.Data.Common;
using ChatBot.Feedback;
using ChatBot.Feedback.Reports;
using ChatBot.Feedback.Tickets;
using Microsoft.EntityFrameworkCore;

namespace ChatBot.Storage;

/// <summary>
/// Report facts straight from SQL: questions and ratings are counted per local day in the database (a few hundred
/// rows come back however many questions were asked); tickets come back one compact row each because a median
/// cannot be summed. Every query is a range scan of an index that starts with time; the question counts read the
/// covering (time, kind, review status, document) index only.
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
        // One row per day (conditional sums) keeps SQLite's grouping small; both queries read the covering index only.
        await using (var command = Command(connection, """
            SELECT ("AtUnixMs" + @offset) / @dayMs AS day,
                   SUM("Kind" <> @smalltalk), SUM("Kind" = @answer), SUM("Kind" = @noAnswer),
                   SUM("ReviewStatus" IS NOT NULL), SUM("ReviewStatus" IS NOT NULL AND "ReviewStatus" <> @open)
            FROM questions WHERE "AtUnixMs" >= @start AND "AtUnixMs" < @end
            GROUP BY day
            """, start, end))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var index = reader.GetInt64(0);
                days[index] = Day(index) with
                {
                    Questions = reader.GetInt32(1),
                    Answered = reader.GetInt32(2),
                    NoAnswer = reader.GetInt32(3),
                    Unanswered = reader.GetInt32(4),
                    UnansweredClosed = reader.GetInt32(5),
                };
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

        // Without the topic grouping service: the same document guess, or else the same words, make a group. Only
        // unanswered questions carry a review status, so its index finds them without reading the other rows.
        var unanswered = new List<NamedCount>();
        await using (var command = Command(connection, """
            SELECT MIN("Text"), COUNT(*) AS n, MAX("DocumentId")
            FROM questions WHERE "ReviewStatus" IN (@open, @handled, @outOfScope) AND "AtUnixMs" >= @start AND "AtUnixMs" < @end
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
        Add(command, "@smalltalk", AnswerKinds.Smalltalk);
        Add(command, "@noAnswer", AnswerKinds.NoAnswer);
        Add(command, "@open", ReviewStatus.Open);
        Add(command, "@handled", ReviewStatus.Handled);
        Add(command, "@outOfScope", ReviewStatus.OutOfScope);
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
