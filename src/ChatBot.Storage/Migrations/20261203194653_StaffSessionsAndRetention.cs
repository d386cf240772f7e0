using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatBot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class StaffSessionsAndRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Disabled",
                table: "staff_accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "LastSignInAttemptUnixMs",
                table: "staff_accounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SecurityStamp",
                table: "staff_accounts",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            // Every existing account gets its own stamp; cookies issued before this version carry none and end.
            migrationBuilder.Sql("UPDATE staff_accounts SET SecurityStamp = lower(hex(randomblob(16)));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Disabled",
                table: "staff_accounts");

            migrationBuilder.DropColumn(
                name: "LastSignInAttemptUnixMs",
                table: "staff_accounts");

            migrationBuilder.DropColumn(
                name: "SecurityStamp",
                table: "staff_accounts");
        }
    }
}
