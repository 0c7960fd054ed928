package nemo.mqtt.testing;

/**
 * Backing services shared by all tests of one JVM: started on first use on free ports, stopped at
 * exit. Tests that break a service (kill, restart) start their own with {@link ServiceProcess}.
 */
public final class SharedServices {

    private static ServiceProcess postgres;
    private static ServiceProcess redis;
    private static ServiceProcess mosquitto;

    private SharedServices() {}

    public static synchronized ServiceProcess postgres() {
        if (postgres == null) {
            postgres = stopAtExit(ServiceProcess.postgres());
        }
        return postgres;
    }

    public static synchronized ServiceProcess redis() {
        if (redis == null) {
            redis = stopAtExit(ServiceProcess.redis());
        }
        return redis;
    }

    /** Mosquitto with the TLS listener of the local stack, trusting {@link DevCerts#shared()}. */
    public static synchronized ServiceProcess mosquitto() {
        if (mosquitto == null) {
            mosquitto = stopAtExit(ServiceProcess.mosquitto(DevCerts.shared().dir()));
        }
        return mosquitto;
    }

    private static ServiceProcess stopAtExit(ServiceProcess service) {
        Runtime.getRuntime().addShutdownHook(new Thread(service::stop));
        return service;
    }
}
