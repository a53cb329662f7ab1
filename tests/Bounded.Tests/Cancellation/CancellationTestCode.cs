namespace Bounded.Tests.Cancellation
{
    /// <summary>Sources several Cancellation test classes compile against.</summary>
    internal static class CancellationTestCode
    {
        /// <summary>An EF Core model with a <c>DbContext</c> (the usings an MVC controller next to it needs), left open for more types.</summary>
        public const string EfCoreShop = @"using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Shop
{
    public class Product { public int Id { get; set; } public string Name { get; set; } = """"; }

    public class ShopContext : DbContext
    {
        public DbSet<Product> Products => Set<Product>();
    }
";
    }
}
