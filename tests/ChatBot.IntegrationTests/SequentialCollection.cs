namespace ChatBot.IntegrationTests;

/// <summary>Tests that measure time against a target run alone, after the parallel ones, on a quiet machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SequentialCollection
{
    public const string Name = "timing-sensitive";
}
