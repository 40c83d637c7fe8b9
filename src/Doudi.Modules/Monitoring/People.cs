namespace Doudi.Monitoring;

/// <summary>
/// The month's memberships by person, built once for every rule. A person in one household (nearly
/// everyone) is kept as that one membership, without a list.
/// </summary>
public sealed class People
{
    private readonly Dictionary<string, object> _byPerson;

    public People(IReadOnlyList<Membership> memberships)
    {
        All = memberships;
        _byPerson = new Dictionary<string, object>(memberships.Count, StringComparer.Ordinal);
        foreach (var m in memberships)
        {
            ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_byPerson, m.IdNumber, out var exists);
            slot = !exists ? m : slot is List<Membership> list ? Added(list, m) : new List<Membership> { (Membership)slot!, m };
        }

        static List<Membership> Added(List<Membership> list, Membership m)
        {
            list.Add(m);
            return list;
        }
    }

    public IReadOnlyList<Membership> All { get; }

    public IReadOnlyList<Membership> Of(string idNumber) =>
        _byPerson.TryGetValue(idNumber, out var found) ? found as List<Membership> ?? [(Membership)found] : [];

    /// <summary>The memberships of each person who belongs to more than one household.</summary>
    public IEnumerable<IReadOnlyList<Membership>> InSeveralHouseholds => _byPerson.Values.OfType<List<Membership>>();
}
