using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatBot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class FeedbackAndStaff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Reply",
                table: "questions",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewStatus",
                table: "questions",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReviewedAtUnixMs",
                table: "questions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedBy",
                table: "questions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StaffReply",
                table: "questions",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ratings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    QuestionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Helpful = table.Column<bool>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DocumentId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Facet = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReviewedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ratings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "staff_accounts",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FailedSignIns = table.Column<int>(type: "INTEGER", nullable: false),
                    LockedUntilUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_accounts", x => x.UserName);
                });

            migrationBuilder.CreateTable(
                name: "tickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    QuestionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DocumentId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ContactDeletedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reply = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    HandledAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    HandledBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Satisfaction = table.Column<int>(type: "INTEGER", nullable: true),
                    SatisfactionAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tickets", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_questions_ReviewStatus_AtUnixMs",
                table: "questions",
                columns: new[] { "ReviewStatus", "AtUnixMs" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_AtUnixMs",
                table: "audit_log",
                column: "AtUnixMs");

            migrationBuilder.CreateIndex(
                name: "IX_ratings_AtUnixMs",
                table: "ratings",
                column: "AtUnixMs");

            migrationBuilder.CreateIndex(
                name: "IX_ratings_Helpful_Status_AtUnixMs",
                table: "ratings",
                columns: new[] { "Helpful", "Status", "AtUnixMs" });

            migrationBuilder.CreateIndex(
                name: "IX_ratings_QuestionId",
                table: "ratings",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_tickets_Code",
                table: "tickets",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tickets_ConversationId",
                table: "tickets",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_tickets_CreatedAtUnixMs",
                table: "tickets",
                column: "CreatedAtUnixMs");

            migrationBuilder.CreateIndex(
                name: "IX_tickets_Status_CreatedAtUnixMs",
                table: "tickets",
                columns: new[] { "Status", "CreatedAtUnixMs" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "ratings");

            migrationBuilder.DropTable(
                name: "staff_accounts");

            migrationBuilder.DropTable(
                name: "tickets");

            migrationBuilder.DropIndex(
                name: "IX_questions_ReviewStatus_AtUnixMs",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "Reply",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "ReviewStatus",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "ReviewedAtUnixMs",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "ReviewedBy",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "StaffReply",
                table: "questions");
        }
    }
}
