using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Shop.BuildingBlocks.Messaging;

/// <summary>
/// Delivers an integration event to every handler registered in the current scope, one after the
/// other, so a module's reaction runs in the caller's request and sees its cancellation.
/// A real deployment would put an outbox and a broker here; the modules would not change.
/// </summary>
internal sealed class InProcessEventBus(IServiceProvider services, ILogger<InProcessEventBus> logger) : IEventBus
{
    public async Task PublishAsync<TEvent>(TEvent integrationEvent, CancellationToken cancellationToken)
        where TEvent : IIntegrationEvent
    {
        foreach (var handler in services.GetServices<IIntegrationEventHandler<TEvent>>())
        {
            logger.LogDebug(
                "Delivering {EventType} {EventId} to {Handler}",
                typeof(TEvent).Name,
                integrationEvent.EventId,
                handler.GetType().Name);
            await handler.HandleAsync(integrationEvent, cancellationToken);
        }
    }
}

public static class MessagingServiceCollectionExtensions
{
    public static IServiceCollection AddInProcessMessaging(this IServiceCollection services) =>
        services.AddScoped<IEventBus, InProcessEventBus>();
}
