using ComplianceOs.BotHost.Conversation.Dashboard;
using ComplianceOs.BotHost.Conversation.Help;
using ComplianceOs.BotHost.Conversation.History;
using ComplianceOs.BotHost.Conversation.Status;
using ComplianceOs.BotHost.Conversation.Tasks;
using ComplianceOs.BotHost.Conversation.Workflow;
using ComplianceOs.BotHost.Evidence;

namespace ComplianceOs.BotHost.Conversation;

public static class ConversationModule
{
    /// <summary>The channel-neutral conversation every channel adapter talks to.</summary>
    public static IServiceCollection AddConversation(this IServiceCollection services, IConfiguration configuration)
    {
        // Files dropped in chat go to the evidence vault: its store, links and the channels' file sources.
        services.AddEvidence(configuration);
        services.AddSingleton<HelpCards>();
        services.AddSingleton<TaskLists>();
        services.AddSingleton<ObligationCards>();
        services.AddSingleton<WorkflowTurns>();
        services.AddSingleton<ControlTower>();
        services.AddSingleton<DeliveryProblems>();
        services.AddSingleton<ObligationHistory>();
        services.AddSingleton<Assistant.DueDateAnswers>();
        services.AddSingleton<Assistant.MyWorkAnswers>();
        services.AddSingleton<Assistant.AssistantTurns>();
        services.AddSingleton<Evidence.EvidenceTurns>();
        services.AddSingleton<ConversationCore>();
        return services;
    }
}
