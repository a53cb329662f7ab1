using Shop.BuildingBlocks.Domain;

namespace Shop.Modules.Catalog.Domain;

// Violation: BND1003 — an EF Core mapping attribute on a domain entity ties the model to the ORM.
[Microsoft.EntityFrameworkCore.Index(nameof(Sku), IsUnique = true)]
public sealed class Product : AggregateRoot
{
    // Violation: BND1002 — the Domain layer borrows a limit from the Application layer.
    public const int MaxRelatedProducts = Application.ProductService.MaxPageSize;

    public Product(Guid id, string sku, string name, decimal price, string currency)
        : base(id)
    {
        Sku = Require(sku, nameof(sku)).ToUpperInvariant();
        Name = Require(name, nameof(name));
        Currency = RequireCurrency(currency);
        Price = RequirePositive(price);
        IsActive = true;
    }

    private Product()
    {
        Sku = string.Empty;
        Name = string.Empty;
        Currency = string.Empty;
    }

    public string Sku { get; private set; }

    public string Name { get; private set; }

    public decimal Price { get; private set; }

    public string Currency { get; private set; }

    public bool IsActive { get; private set; }

    public void ChangePrice(decimal newPrice)
    {
        if (!IsActive)
        {
            throw new DomainException($"Product {Sku} is discontinued; its price cannot change.");
        }

        Price = RequirePositive(newPrice);
    }

    public void Discontinue() => IsActive = false;

    private static string Require(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainException($"A product needs a {name}.") : value.Trim();

    private static string RequireCurrency(string currency) =>
        currency is { Length: 3 } && currency.All(char.IsLetter)
            ? currency.ToUpperInvariant()
            : throw new DomainException($"'{currency}' is not an ISO 4217 currency code.");

    private static decimal RequirePositive(decimal price) =>
        price > 0 ? decimal.Round(price, 2) : throw new DomainException("A price must be positive.");
}
