using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.BuildingBlocks.Messaging;
using Shop.Modules.Billing.Application;
using Shop.Modules.Billing.Infrastructure;
using Shop.Modules.Ordering.IntegrationEvents;

namespace Shop.Modules.Billing;

public static class BillingModule
{
    public static IServiceCollection AddBillingModule(
        this IServiceCollection services,
        Action<DbContextOptionsBuilder> configureDatabase)
    {
        services.AddDbContext<BillingDbContext>(configureDatabase);
        services.AddScoped<IInvoiceRepository, InvoiceRepository>();
        services.AddScoped<InvoiceService>();
        services.AddScoped<OrderEventsHandler>();
        services.AddScoped<IIntegrationEventHandler<OrderPlaced>>(sp => sp.GetRequiredService<OrderEventsHandler>());
        services.AddScoped<IIntegrationEventHandler<OrderCancelled>>(sp => sp.GetRequiredService<OrderEventsHandler>());
        return services;
    }

    /// <summary>Adds the module's MVC controllers to the host's application parts.</summary>
    public static IMvcBuilder AddBillingControllers(this IMvcBuilder mvc) =>
        mvc.AddApplicationPart(typeof(BillingModule).Assembly);
}
