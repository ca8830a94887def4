package dev.switchboard.plugins.chat;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import dev.switchboard.api.StatusSource;
import dev.switchboard.plugins.chat.session.ChatConfig;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * A multi-room chat for telnet and nc users and IRC clients in the same rooms (see docs/chat-irc.md).
 * Settings (all optional): {@code motd}, {@code default-room}, {@code max-line}, {@code max-queued},
 * {@code flood-burst}, {@code flood-interval} ({@code 0s} turns flood control off),
 * {@code login-timeout}, {@code shutdown-message}, {@code clients}, {@code server-name},
 * {@code ping-interval}, {@code max-channels}. Each service publishes a status section named {@code chat} with its rooms,
 * member counts and counters (the daemon tells two chat services' sections apart).
 */
@Extension
public final class ChatProtocol implements Protocol {

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        ChatConfig config = ChatConfig.read(context.settings());
        ChatHandler handler = new ChatHandler(config, context);
        context.publish(new StatusSource() {
            @Override
            public String name() {
                return "chat";
            }

            @Override
            public Set<String> rates() {
                return Set.of("messages-relayed");
            }

            @Override
            public Map<String, Object> snapshot() {
                return handler.chat().snapshot();
            }
        });
        return handler;
    }
}
