using System.Globalization;
using Tandem.Bench.Results;
using Tandem.Bench.Scenarios;

namespace Tandem.Bench.Running;

/// <summary>
/// Before a run against a real endpoint: estimates what it will cost at the price model's rates and
/// refuses to start above <see cref="BenchOptions.MaxCostUsd"/>. The estimate assumes the model walks
/// each scenario as scripted and that nothing is cached (an upper bound for the input).
/// </summary>
public static class SpendGuard
{
    private const int PromptAndToolsTokens = 1_000;
    private const int OutputTokensPerTurn = 200;

    public static double Estimate(IEnumerable<BenchScenario> scenarios, int runsPerClient, int clients, ModelPrice price)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(price);
        var perPass = 0.0;
        foreach (var scenario in scenarios)
        {
            var history = 0.0;
            foreach (var turn in scenario.Source.Turns)
            {
                perPass += price.Cost(PromptAndToolsTokens + history, 0, OutputTokensPerTurn);
                history += OutputTokensPerTurn + turn.Output.Where(o => o.Type == "function_call").Sum(o => scenario.Tool(o.Name!).OutputBytes / 4.0);
            }
        }

        return perPass * runsPerClient * clients;
    }

    public static void Check(BenchOptions options, IReadOnlyList<BenchScenario> scenarios, int clients, ModelPrice? price)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (price is null)
        {
            throw new ArgumentException("A run against a real endpoint needs a pricing table (bench/pricing.json or --pricing) to check its cost first.");
        }

        // The measured runs, plus one unmeasured first run per client.
        var estimate = Estimate(scenarios, options.Runs + 1, clients, price);
        if (estimate > options.MaxCostUsd)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"This run would cost about ${estimate:0.00} at {options.PriceModel}'s prices, over --max-cost ${options.MaxCostUsd:0.00}. Lower --runs, choose fewer --scenario/--client, or raise --max-cost."));
        }
    }
}
