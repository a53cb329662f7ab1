using Microsoft.EntityFrameworkCore;
using Shop.BuildingBlocks.Messaging;
using Shop.Host;
using Shop.Modules.Billing;
using Shop.Modules.Catalog;
using Shop.Modules.Catalog.Api;
using Shop.Modules.Ordering;
using Shop.Modules.Ordering.Api;

var builder = WebApplication.CreateBuilder(args);

// Shared infrastructure.
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddInProcessMessaging();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<DomainExceptionHandler>();

// Modules: each owns its data (a separate database per module keeps them from sharing tables).
builder.Services.AddCatalogModule(db => db.UseInMemoryDatabase("shop-catalog"));
builder.Services.AddOrderingModule(db => db.UseInMemoryDatabase("shop-ordering"));
builder.Services.AddBillingModule(db => db.UseInMemoryDatabase("shop-billing"));

// Billing exposes an MVC controller; Catalog and Ordering use minimal APIs.
builder.Services.AddControllers().AddBillingControllers();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapCatalogEndpoints();
app.MapOrderingEndpoints();
app.MapControllers();
app.MapGet("/", () => TypedResults.Redirect("/api/catalog/products"));

app.Run();
