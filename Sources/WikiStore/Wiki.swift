/// The wiki stored in a bare git repository: the only entry point of WikiStore.
public final class Wiki: Sendable {
}
