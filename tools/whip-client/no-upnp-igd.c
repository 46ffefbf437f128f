/*
 * A libgupnp-igd-1.0.so.4 without UPnP, so that Debian 12's simple-whip-client can run at all (the WHIP interop test).
 *
 * /usr/bin/whip-client links libsoup 2.4. webrtcbin's ICE agent, libnice, links libgupnp-igd-1.0 (UPnP port mapping on
 * a home router), which links libgupnp-1.6 and through it libsoup 3.0. libsoup 3 aborts any process that has libsoup 2
 * loaded ("libsoup2 symbols detected"), so the client dies as webrtcbin starts. Put on LD_LIBRARY_PATH for the client
 * alone, this library stands in for the real one: libnice's UPnP mapper is created through
 * gupnp_simple_igd_thread_new(), which returns NULL here, and libnice then gathers its host candidates without a
 * mapping, as it does where libnice is built without UPnP. The other symbols libnice links are never reached without a
 * mapper; they exist so that the dynamic linker resolves them. Nothing else in the process changes.
 *
 * Built by ./setup.sh into third_party/whip-client/; the signatures are those of gupnp-igd's public header,
 * gupnp-simple-igd.h.
 */
#include <stddef.h>

typedef size_t GType;
extern GType g_object_get_type(void);

void *gupnp_simple_igd_thread_new(void)
{
    return NULL;
}

GType gupnp_simple_igd_get_type(void)
{
    return g_object_get_type();
}

void gupnp_simple_igd_add_port(void *self, const char *protocol, unsigned int external_port, const char *local_ip,
                               unsigned int local_port, unsigned int lease_duration, const char *description)
{
    (void)self, (void)protocol, (void)external_port, (void)local_ip, (void)local_port, (void)lease_duration,
        (void)description;
}

void gupnp_simple_igd_remove_port_local(void *self, const char *protocol, const char *local_ip, unsigned int local_port)
{
    (void)self, (void)protocol, (void)local_ip, (void)local_port;
}
