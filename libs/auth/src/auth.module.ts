import { Module, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@hearth/common';
import { ConfigService } from '@nestjs/config';
import type { AuthConfig } from '@hearth/config';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '@hearth/users';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AdminUsersController } from './admin-users.controller';
import { AdminUsersService } from './admin-users.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthSession } from './entities/auth-session.entity';
import { authPersonalData } from './auth.personal-data';
import { JwtStrategy } from './strategies/jwt.strategy';
import { jwtKey } from './jwt-key';
import { LocalStrategy } from './strategies/local.strategy';

@Module({
  imports: [
    UsersModule,
    PassportModule,
    TypeOrmModule.forFeature([AuthSession]),
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        // A KeyObject is accepted by jsonwebtoken; the typings only name string | Buffer.
        secret: jwtKey(config.getOrThrow<AuthConfig>('auth').jwtSecret) as unknown as string,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, AdminUsersController],
  providers: [AuthService, AdminUsersService, AdminBootstrapService, LocalStrategy, JwtStrategy],
  exports: [AuthService, AdminBootstrapService],
})
export class AuthModule implements OnModuleInit {
  constructor(private readonly personalData: PersonalDataRegistry) {}

  onModuleInit(): void {
    for (const contributor of authPersonalData) this.personalData.register(contributor);
  }
}
