import org.pdml.config.DeviceRequest;
import org.pdml.model.DeviceChoice;
import org.pdml.model.EngineFacts;

/**
 * Loads the PyTorch engine that the environment points DJL at and prints what it is (version,
 * flavour, libtorch path, CUDA runtime, GPUs), then whether DEVICE (default cuda:0) is usable.
 * Usage: EngineProbe [DEVICE]. Exit status 0 when it is, 3 when it is not or when no engine loads
 * (the reason printed, one line).
 * Run by bench/gpu/run.sh.
 */
public final class EngineProbe {
    public static void main(String[] args) {
        EngineFacts facts;
        try {
            facts = EngineFacts.probe();
        } catch (RuntimeException | LinkageError e) {
            StringBuilder why = new StringBuilder(String.valueOf(e));
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                why.append("; caused by ").append(c);
            }
            System.out.println("engine did not load: " + why);
            System.exit(3);
            return;
        }
        System.out.println("engine: " + facts.describe());
        DeviceRequest request = DeviceRequest.parse(args.length > 0 ? args[0] : "cuda:0");
        try {
            System.out.println(DeviceChoice.resolve(request, facts).summary());
        } catch (DeviceChoice.DeviceUnavailableException e) {
            System.out.println("not usable: " + e.getMessage());
            System.exit(3);
        }
    }
}
